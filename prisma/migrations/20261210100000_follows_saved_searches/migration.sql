-- Author pages, followed authors and saved searches (issue 17). Authors are matched by a normalised
-- key computed in one place, author_key() below: the generated column, the author pages, search's
-- author:"Name" and the digest all call it, so no second spelling of the rule can drift.

-- An author's key: compatibility-decomposed (ligatures, full-width letters), diacritics dropped,
-- recomposed, lower-cased, and every run of spaces and punctuation (ASCII, Latin-1 symbols, general
-- and CJK punctuation, full-width ASCII punctuation) made one space; letters of every script are kept.
-- "Élodie  DUPONT", "elodie dupont" and "Elodie-Dupont" share a key; the page slug is the key with
-- '-' for spaces, and author_key(slug) = key. Limits (README): two people with one name share a page;
-- "J. Dupont" and "Jean Dupont" are two pages; letters without a decomposition (ø, æ, ł) stay as
-- they are; lower() follows the database's ctype (C.UTF-8 here: Unicode case mapping).
CREATE FUNCTION author_key(name TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT btrim(regexp_replace(lower(normalize(regexp_replace(normalize(name, NFKD), '[\u0300-\u036f]+', '', 'g'), NFC)),
                                      '[\s!-/:-@\[-`{-~\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\ufe50-\ufe6f\uff01-\uff0f]+', ' ', 'g')) $$;

-- The distinct non-empty keys of a paper's authors.
CREATE FUNCTION author_keys(names TEXT[]) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(DISTINCT k), '{}') FROM (SELECT author_key(n) AS k FROM unnest(names) AS n) keys WHERE k <> '' $$;

-- AlterTable
ALTER TABLE "paper" ADD COLUMN     "author_keys" TEXT[] GENERATED ALWAYS AS (author_keys("authors")) STORED;

-- AlterTable
ALTER TABLE "subscriber" ADD COLUMN     "digest_authors" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "digest_searches" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "author_follow" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT,
    "subscriber_id" INTEGER,
    "author_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "author_follow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_search" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT,
    "subscriber_id" INTEGER,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_search_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "author_follow_user_id_author_key_key" ON "author_follow"("user_id", "author_key");

-- CreateIndex
CREATE UNIQUE INDEX "author_follow_subscriber_id_author_key_key" ON "author_follow"("subscriber_id", "author_key");

-- CreateIndex
CREATE UNIQUE INDEX "saved_search_user_id_query_key" ON "saved_search"("user_id", "query");

-- CreateIndex
CREATE UNIQUE INDEX "saved_search_subscriber_id_query_key" ON "saved_search"("subscriber_id", "query");

-- CreateIndex
CREATE INDEX "paper_author_keys_idx" ON "paper" USING GIN ("author_keys");

-- AddForeignKey
ALTER TABLE "author_follow" ADD CONSTRAINT "author_follow_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "author_follow" ADD CONSTRAINT "author_follow_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_search" ADD CONSTRAINT "saved_search_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_search" ADD CONSTRAINT "saved_search_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
