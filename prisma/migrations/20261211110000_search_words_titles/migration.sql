-- Search's vocabulary from titles only. Splitting every abstract into words cost about 800 s more
-- per million papers imported (a hash aggregate over some 150 million words, in one backend); titles
-- cost about 55 s, and hold the words people search for. Whether an abstract-only word is known
-- is asked of search_vector's index instead (lib/papers/search/vocabulary.ts).
CREATE OR REPLACE FUNCTION search_words_add() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO search_word (word, papers)
    SELECT w, count(*)::int
    FROM added a, unnest(tsvector_to_array(to_tsvector('simple', a.title))) AS w
    WHERE w ~ '^[[:alpha:]]{3,32}$'
    GROUP BY w
    ON CONFLICT (word) DO UPDATE SET papers = search_word.papers + excluded.papers;
    RETURN NULL;
END
$$;

TRUNCATE search_word;

INSERT INTO search_word (word, papers)
SELECT w, count(*)::int
FROM paper p, unnest(tsvector_to_array(to_tsvector('simple', p.title))) AS w
WHERE w ~ '^[[:alpha:]]{3,32}$'
GROUP BY w;
