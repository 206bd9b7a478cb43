// Subscriber tokens: the secret the confirm, unsubscribe and preferences links carry.
import { randomBytes } from "node:crypto";

/** 32 random bytes in base64url: 43 characters, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSubscriberToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Checked before any query: a link mangled by a mail client or a guessed path never reaches the database. */
export function isSubscriberToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_SHAPE.test(value);
}
