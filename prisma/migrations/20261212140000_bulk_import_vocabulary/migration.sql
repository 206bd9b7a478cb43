-- The bulk import counts search's vocabulary itself (lib/ingest/merge.ts) instead of through the
-- paper_search_words statement trigger: the trigger's transition table holds every inserted row
-- (about 4 KB each, abstract and search vector included) before one backend splits the titles,
-- which cost about 9 s per 100,000 papers. Both count a title's words with this one function.
CREATE FUNCTION search_words_of(title TEXT) RETURNS SETOF TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, title))) AS w WHERE w ~ '^[[:alpha:]]{3,32}$' $$;

CREATE OR REPLACE FUNCTION search_words_add() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO search_word (word, papers)
    SELECT w, count(*)::int
    FROM added a, search_words_of(a.title) AS w
    GROUP BY w
    ON CONFLICT (word) DO UPDATE SET papers = search_word.papers + excluded.papers;
    RETURN NULL;
END
$$;

-- No plan reads the abstract's statistics (search reads search_vector): ANALYZE, the importer's
-- own after a bulk load included, skips computing them.
ALTER TABLE "paper" ALTER COLUMN "abstract" SET STATISTICS 0;
