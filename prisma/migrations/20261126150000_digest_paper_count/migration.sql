-- A digest's paper count, kept by the importer, so pages never count a day's entries (a million-paper day took 100 ms per request).

-- AlterTable
ALTER TABLE "digest" ADD COLUMN     "paper_count" INTEGER NOT NULL DEFAULT 0;


UPDATE "digest" d SET "paper_count" = (SELECT count(*) FROM "digest_entry" e WHERE e."digest_id" = d."id");
