-- Subscribers (double opt-in), followed topics, the delivery ledger and the papers each subscriber was sent.

-- CreateEnum
CREATE TYPE "SubscriberStatus" AS ENUM ('PENDING', 'CONFIRMED', 'UNSUBSCRIBED', 'SUPPRESSED');

-- CreateEnum
CREATE TYPE "DigestFrequency" AS ENUM ('DAILY', 'WEEKLY');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "subscriber" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "status" "SubscriberStatus" NOT NULL DEFAULT 'PENDING',
    "frequency" "DigestFrequency" NOT NULL DEFAULT 'DAILY',
    "weekday" SMALLINT NOT NULL DEFAULT 1,
    "token" TEXT NOT NULL,
    "user_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),
    "unsubscribed_at" TIMESTAMPTZ(3),
    "suppressed_at" TIMESTAMPTZ(3),
    "suppressed_why" TEXT,
    "last_sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriber_topic" (
    "subscriber_id" INTEGER NOT NULL,
    "tag_id" INTEGER NOT NULL,

    CONSTRAINT "subscriber_topic_pkey" PRIMARY KEY ("subscriber_id","tag_id")
);

-- CreateTable
CREATE TABLE "digest_delivery" (
    "id" BIGSERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "subscriber_id" INTEGER NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "paper_ids" INTEGER[],
    "batch" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimed_at" TIMESTAMPTZ(3),
    "claimed_by" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "provider_id" TEXT,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digest_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sent_paper" (
    "subscriber_id" INTEGER NOT NULL,
    "paper_id" INTEGER NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sent_paper_pkey" PRIMARY KEY ("subscriber_id","paper_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_email_key" ON "subscriber"("email");

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_token_key" ON "subscriber"("token");

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_user_id_key" ON "subscriber"("user_id");

-- CreateIndex
CREATE INDEX "subscriber_status_frequency_weekday_idx" ON "subscriber"("status", "frequency", "weekday");

-- CreateIndex
CREATE INDEX "subscriber_topic_tag_id_idx" ON "subscriber_topic"("tag_id");

-- CreateIndex
CREATE INDEX "digest_delivery_period_batch_idx" ON "digest_delivery"("period", "batch");

-- CreateIndex
CREATE INDEX "digest_delivery_status_created_at_idx" ON "digest_delivery"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "digest_delivery_period_subscriber_id_key" ON "digest_delivery"("period", "subscriber_id");

-- AddForeignKey
ALTER TABLE "subscriber" ADD CONSTRAINT "subscriber_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_topic" ADD CONSTRAINT "subscriber_topic_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_topic" ADD CONSTRAINT "subscriber_topic_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "digest_delivery" ADD CONSTRAINT "digest_delivery_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sent_paper" ADD CONSTRAINT "sent_paper_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sent_paper" ADD CONSTRAINT "sent_paper_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "paper"("id") ON DELETE CASCADE ON UPDATE CASCADE;

