-- Scheduled fetch from Hugging Face's daily-papers API (lib/fetch): the request a fetched day came from,
-- and per day the validators of the last good answer and the last result.

-- CreateEnum
CREATE TYPE "FetchResult" AS ENUM ('IMPORTED', 'UNCHANGED', 'FAILED');

-- AlterTable
ALTER TABLE "import_run" ADD COLUMN     "source_url" TEXT;

-- CreateTable
CREATE TABLE "hf_fetch_day" (
    "day" DATE NOT NULL,
    "validators" JSONB NOT NULL DEFAULT '[]',
    "sha256" TEXT,
    "result" "FetchResult" NOT NULL,
    "message" TEXT,
    "import_run_id" INTEGER,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hf_fetch_day_pkey" PRIMARY KEY ("day")
);

