-- Accounts (Auth.js), upvotes, the reading list, tags and the trending order.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateEnum
CREATE TYPE "TagKind" AS ENUM ('TOPIC', 'USER');

-- AlterTable
ALTER TABLE "paper" ADD COLUMN     "save_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tag_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "trending_boost" REAL NOT NULL DEFAULT 0,
-- The trending order without a periodic recompute: the score is boost - age (lib/trending/score.ts), so
-- ordering by first_seen's day number + boost is the same order at every "now". Generated, so a later
-- digest moving first_seen back moves the key with it; the importer never has to know.
ADD COLUMN     "trending_key" DOUBLE PRECISION GENERATED ALWAYS AS (("first_seen" - DATE '1970-01-01') + "trending_boost") STORED,
ADD COLUMN     "upvote_count" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "app_user" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT NOT NULL,
    "email_verified" TIMESTAMPTZ(3),
    "image" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_account" (
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "auth_account_pkey" PRIMARY KEY ("provider","provider_account_id")
);

-- CreateTable
CREATE TABLE "auth_session" (
    "session_token" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "auth_verification_token" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "auth_verification_token_pkey" PRIMARY KEY ("identifier","token")
);

-- CreateTable
CREATE TABLE "rate_limit_event" (
    "id" BIGSERIAL NOT NULL,
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upvote" (
    "user_id" TEXT NOT NULL,
    "paper_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "upvote_pkey" PRIMARY KEY ("user_id","paper_id")
);

-- CreateTable
CREATE TABLE "save" (
    "user_id" TEXT NOT NULL,
    "paper_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "save_pkey" PRIMARY KEY ("user_id","paper_id")
);

-- CreateTable
CREATE TABLE "tag" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "TagKind" NOT NULL,
    "paper_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "paper_tag" (
    "paper_id" INTEGER NOT NULL,
    "tag_id" INTEGER NOT NULL,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "user_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "paper_tag_pkey" PRIMARY KEY ("paper_id","tag_id")
);

-- CreateTable
CREATE TABLE "paper_user_tag" (
    "paper_id" INTEGER NOT NULL,
    "tag_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "paper_user_tag_pkey" PRIMARY KEY ("paper_id","tag_id","user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "auth_account_user_id_idx" ON "auth_account"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "auth_session_session_token_key" ON "auth_session"("session_token");

-- CreateIndex
CREATE INDEX "auth_session_user_id_idx" ON "auth_session"("user_id");

-- CreateIndex
CREATE INDEX "rate_limit_event_bucket_key_created_at_idx" ON "rate_limit_event"("bucket", "key", "created_at");

-- CreateIndex
CREATE INDEX "rate_limit_event_created_at_idx" ON "rate_limit_event"("created_at");

-- CreateIndex
CREATE INDEX "upvote_paper_id_idx" ON "upvote"("paper_id");

-- CreateIndex
CREATE INDEX "save_paper_id_idx" ON "save"("paper_id");

-- CreateIndex
CREATE UNIQUE INDEX "tag_slug_key" ON "tag"("slug");

-- CreateIndex
CREATE INDEX "tag_paper_count_idx" ON "tag"("paper_count" DESC);

-- CreateIndex
CREATE INDEX "paper_tag_tag_id_paper_id_idx" ON "paper_tag"("tag_id", "paper_id");

-- CreateIndex
CREATE INDEX "paper_user_tag_user_id_created_at_idx" ON "paper_user_tag"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "paper_user_tag_tag_id_idx" ON "paper_user_tag"("tag_id");

-- CreateIndex
CREATE INDEX "paper_trending_idx" ON "paper"("trending_key" DESC, "id");

-- CreateIndex
CREATE INDEX "paper_top_idx" ON "paper"("upvote_count" DESC, "id");

-- AddForeignKey
ALTER TABLE "auth_account" ADD CONSTRAINT "auth_account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upvote" ADD CONSTRAINT "upvote_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upvote" ADD CONSTRAINT "upvote_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "save" ADD CONSTRAINT "save_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "save" ADD CONSTRAINT "save_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_tag" ADD CONSTRAINT "paper_tag_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_tag" ADD CONSTRAINT "paper_tag_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_user_tag" ADD CONSTRAINT "paper_user_tag_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_user_tag" ADD CONSTRAINT "paper_user_tag_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "paper_user_tag" ADD CONSTRAINT "paper_user_tag_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

