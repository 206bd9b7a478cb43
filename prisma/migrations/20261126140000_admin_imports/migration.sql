-- Hugging Face JSON imports (authors, upstream upvotes, the format of each run) and previews of uploaded files awaiting confirmation.

-- CreateEnum
CREATE TYPE "DigestFormat" AS ENUM ('TEXT', 'HF_JSON');

-- AlterTable
ALTER TABLE "paper" ADD COLUMN     "authors" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "upstream_upvotes" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "import_run" ADD COLUMN     "format" "DigestFormat" NOT NULL DEFAULT 'TEXT';

-- CreateTable
CREATE TABLE "import_preview" (
    "id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "format" "DigestFormat" NOT NULL,
    "content" BYTEA NOT NULL,
    "summary" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_preview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_preview_expires_at_idx" ON "import_preview"("expires_at");

