// The server log for Auth.js errors: a reused or expired sign-in link is one line; real failures keep their stack.
import { AuthError } from "next-auth";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { logAuthError } from "../../../lib/auth/auth-logger";

// Auth.js's own error classes are these (a static type on an AuthError); next-auth does not re-export them.
class Verification extends AuthError {
  static type = "Verification";
}
class AdapterError extends AuthError {
  static type = "AdapterError";
}

let lines: string[] = [];

beforeEach(() => {
  lines = [];
  const capture = (...parts: unknown[]) => void lines.push(...parts.map(String).join(" ").split("\n"));
  vi.spyOn(console, "warn").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

describe("logging Auth.js errors", () => {
  it("a sign-in link used twice or after it expired is one line", () => {
    logAuthError(new Verification("Token has expired or been used"));
    expect(lines).toEqual([
      "[auth] Verification: a sign-in link was used again or after it expired; the visitor was shown the sign-in error page",
    ]);
  });

  it("a database failure keeps its cause's stack", () => {
    const cause = new Error("connection refused");
    logAuthError(new AdapterError("adapter failed", { cause: { err: cause } } as never));
    expect(lines[0]).toMatch(/^\[auth\]\[error\] AdapterError: adapter failed/);
    expect(lines.slice(1).join("\n")).toContain("connection refused");
    expect(lines.length).toBeGreaterThan(2);
  });
});
