// Subscriber tokens: unguessable, and a malformed one is recognised without asking the database.
import { describe, expect, it } from "vitest";
import { isSubscriberToken, newSubscriberToken } from "../../../lib/subscribers/token";

describe("subscriber tokens", () => {
  it("are 32 random bytes in base64url, different every time", () => {
    const tokens = new Set(Array.from({ length: 100 }, newSubscriberToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isSubscriberToken(token)).toBe(true);
    }
  });

  it("anything else is not a token: cut short, padded, with a path or of another type", () => {
    const token = newSubscriberToken();
    for (const value of [token.slice(1), `${token}=`, `${token.slice(0, 40)}/..`, "", null, 42]) expect(isSubscriberToken(value)).toBe(false);
  });
});
