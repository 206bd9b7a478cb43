-- AlterTable
ALTER TABLE "subscriber" ADD COLUMN     "digest_topics_only" BOOLEAN NOT NULL DEFAULT false;
