-- Papers a bulk import left without a similar list, for the worker's similar-backfill job (lib/papers/similar-backfill.ts).

-- CreateTable
CREATE TABLE "paper_similar_pending" (
    "paper_id" INTEGER NOT NULL,

    CONSTRAINT "paper_similar_pending_pkey" PRIMARY KEY ("paper_id")
);

-- AddForeignKey
ALTER TABLE "paper_similar_pending" ADD CONSTRAINT "paper_similar_pending_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Catalogues bulk-imported before this migration: queue every paper that has no list yet.
INSERT INTO "paper_similar_pending" ("paper_id")
SELECT p."id" FROM "paper" p WHERE NOT EXISTS (SELECT 1 FROM "paper_similar" s WHERE s."paper_id" = p."id");
