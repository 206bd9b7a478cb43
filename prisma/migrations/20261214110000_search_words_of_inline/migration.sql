-- The same words as before, counted at half the cost (issue 14, the bulk import's ratio). Two changes:
-- - `length(w) BETWEEN 3 AND 32 AND w ~ '^[[:alpha:]]+$'` instead of `w ~ '^[[:alpha:]]{3,32}$'`:
--   PostgreSQL's regex engine expands the bounded repeat into 32 states for every word; counting
--   characters first is the same test (a regex character is a length() character) without them.
-- - No STRICT: PostgreSQL inlines a set-returning SQL function into the calling query only when it is
--   not strict, instead of running it once per title. A NULL title still gives no words (to_tsvector
--   of NULL is NULL, and unnest of NULL is no rows).
-- Measured on 98,000 titles (the bulk import's vocabulary step): 1.67 s -> 0.82 s, the same counts.
CREATE OR REPLACE FUNCTION search_words_of(title TEXT) RETURNS SETOF TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, title))) AS w
          WHERE length(w) BETWEEN 3 AND 32 AND w ~ '^[[:alpha:]]+$' $$;
