// Subscriber tokens: the secret the confirm, unsubscribe and preferences links carry, and how a link finds its row.
//
// Nothing in the database lets anyone make a link. A subscriber row holds a seed (token_seed, a random
// uuid); its link token is the seed's 16 bytes followed by the first 16 bytes of HMAC-SHA256(key, seed),
// in base64url: 43 characters, the shape tokens always had. The key is derived from AUTH_SECRET, which
// lives outside the database. Every email derives its recipient's token from the seed when it is built;
// an incoming token's MAC is checked before any query, and the row is found by its seed.
//
// Tokens issued before this scheme were random and stored in clear; migration
// 20261205120000_subscriber_token_hash replaced each by its SHA-256 (legacy_token_hash), so a link in an
// email already sent, whose MAC does not check, is looked up by that hash and keeps working until the
// subscriber starts over. A new seed (restartedSubscription) ends every earlier link, legacy ones too.
// Changing AUTH_SECRET ends every link made with the old one; the next email carries working ones.
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { authSecret } from "../auth/secret";

/** 32 bytes in base64url: 43 characters, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const SEED_BYTES = 16;

/** Checked before any query: a link mangled by a mail client or a guessed path never reaches the database. */
export function isSubscriberToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_SHAPE.test(value);
}

/** A fresh seed: a new subscriber's, or a restarted one's (which ends its earlier links). */
export function newTokenSeed(): string {
  return randomUUID();
}

/** A key for subscriber links only, so AUTH_SECRET itself signs nothing but Auth.js's own. */
function linkKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("paperpulse subscriber links v1").digest();
}

function mac(seedBytes: Buffer, secret: string): Buffer {
  return createHmac("sha256", linkKey(secret))
    .update(seedBytes)
    .digest()
    .subarray(0, 32 - SEED_BYTES);
}

const seedBytes = (seed: string) => Buffer.from(seed.replaceAll("-", ""), "hex");

function seedText(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The token the links of the subscriber with this seed carry. */
export function subscriberLinkToken(seed: string, secret: string = authSecret()): string {
  const bytes = seedBytes(seed);
  if (bytes.length !== SEED_BYTES) throw new Error(`not a subscriber token seed: ${JSON.stringify(seed)}`);
  return Buffer.concat([bytes, mac(bytes, secret)]).toString("base64url");
}

/** What migration 20261205120000_subscriber_token_hash stored for a token issued before seeds. */
export function legacyTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type SubscriberTokenWhere = { tokenSeed: string } | { legacyTokenHash: string };

/** How to find the row a link's token names (each a unique column); null for a malformed token. */
export function subscriberTokenWhere(token: string, secret: string = authSecret()): SubscriberTokenWhere | null {
  if (!isSubscriberToken(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  const seed = bytes.subarray(0, SEED_BYTES);
  if (timingSafeEqual(bytes.subarray(SEED_BYTES), mac(seed, secret))) return { tokenSeed: seedText(seed) };
  return { legacyTokenHash: legacyTokenHash(token) };
}
