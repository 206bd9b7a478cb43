// Subscriber tokens: derived from a stored seed with a key the database does not hold; a malformed or
// forged one is recognised without asking the database.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  isSubscriberToken,
  legacyTokenHash,
  newTokenSeed,
  subscriberLinkToken,
  subscriberTokenWhere,
} from "../../../lib/subscribers/token";

const SECRET = "a test AUTH_SECRET";

describe("subscriber tokens", () => {
  it("are 32 bytes in base64url, one per seed, and name their seed", () => {
    const seeds = Array.from({ length: 100 }, newTokenSeed);
    const tokens = new Set(seeds.map((seed) => subscriberLinkToken(seed, SECRET)));
    expect(tokens.size).toBe(100);
    for (const seed of seeds) {
      const token = subscriberLinkToken(seed, SECRET);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isSubscriberToken(token)).toBe(true);
      expect(subscriberTokenWhere(token, SECRET)).toEqual({ tokenSeed: seed });
    }
  });

  it("the seed alone makes no link: another secret gives another token, which is not taken for the seed", () => {
    const seed = newTokenSeed();
    const forged = subscriberLinkToken(seed, "a guessed secret");
    expect(forged).not.toBe(subscriberLinkToken(seed, SECRET));
    expect(subscriberTokenWhere(forged, SECRET)).toEqual({ legacyTokenHash: legacyTokenHash(forged) });
  });

  it("a token issued before seeds is looked up by its SHA-256, as the migration stored it", () => {
    const old = randomBytes(32).toString("base64url");
    expect(subscriberTokenWhere(old, SECRET)).toEqual({
      legacyTokenHash: createHash("sha256").update(old).digest("hex"),
    });
  });

  it("anything else is not a token: cut short, padded, with a path or of another type", () => {
    const token = subscriberLinkToken(newTokenSeed(), SECRET);
    for (const value of [token.slice(1), `${token}=`, `${token.slice(0, 40)}/..`, "", null, 42]) {
      expect(isSubscriberToken(value)).toBe(false);
      if (typeof value === "string") expect(subscriberTokenWhere(value, SECRET)).toBeNull();
    }
  });
});
