-- Search's vocabulary: every word of the catalogue's titles and abstracts (letters only, 3 to 32 of
-- them, lower case) with how many papers hold it, for "Did you mean" and the completion of a word
-- still being typed (lib/papers/search/vocabulary.ts). Unstemmed, unlike search_vector: a
-- suggestion must be a word a person would type.

-- CreateTable
CREATE TABLE "search_word" (
    "word" TEXT NOT NULL,
    "papers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "search_word_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
-- Trigrams: the closest spellings of an unknown word (%) and the words a prefix completes to (LIKE 'x%').
CREATE INDEX "search_word_trgm_idx" ON "search_word" USING GIN ("word" gin_trgm_ops);

-- The words of the papers one statement inserted (the importer inserts a file's new papers in one
-- statement, COPY-staged or not), counted once per paper. A statement trigger with a transition table
-- costs one pass over the new rows, not a statement per paper. Papers whose text changes later keep
-- their old words counted and do not add their new ones: the vocabulary only suggests, and a word
-- that no longer matches anything leads to a "closest matches" page, not an error.
CREATE FUNCTION search_words_add() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO search_word (word, papers)
    SELECT w, count(*)::int
    FROM added a, unnest(tsvector_to_array(to_tsvector('simple', a.title || ' ' || a.abstract))) AS w
    WHERE w ~ '^[[:alpha:]]{3,32}$'
    GROUP BY w
    ON CONFLICT (word) DO UPDATE SET papers = search_word.papers + excluded.papers;
    RETURN NULL;
END
$$;

CREATE TRIGGER paper_search_words AFTER INSERT ON "paper"
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION search_words_add();

-- The papers already there.
INSERT INTO search_word (word, papers)
SELECT w, count(*)::int
FROM paper p, unnest(tsvector_to_array(to_tsvector('simple', p.title || ' ' || p.abstract))) AS w
WHERE w ~ '^[[:alpha:]]{3,32}$'
GROUP BY w;
