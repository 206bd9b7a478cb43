-- Subscriber link tokens are no longer stored (lib/subscribers/token.ts): a row keeps a random seed, and
-- its links carry the seed with a MAC keyed by AUTH_SECRET. Tokens already sent in emails keep working
-- through their SHA-256, which replaces the token itself.

-- AlterTable: the volatile default gives every existing row its own seed.
ALTER TABLE "subscriber" ADD COLUMN     "legacy_token_hash" TEXT,
ADD COLUMN     "token_seed" UUID NOT NULL DEFAULT gen_random_uuid();

-- The tokens in emails already sent, as SHA-256 in hex (built in since PostgreSQL 11).
UPDATE "subscriber" SET "legacy_token_hash" = encode(sha256(convert_to("token", 'UTF8')), 'hex');

-- DropIndex
DROP INDEX "subscriber_token_key";

-- AlterTable
ALTER TABLE "subscriber" DROP COLUMN "token";

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_token_seed_key" ON "subscriber"("token_seed");

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_legacy_token_hash_key" ON "subscriber"("legacy_token_hash");
