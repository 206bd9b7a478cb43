// AUTH_SECRET: configured, or generated once and reused.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authSecret } from "../../../lib/auth/secret";

describe("the auth secret", () => {
  it("uses AUTH_SECRET when it is set", () => {
    expect(authSecret({ configured: "x".repeat(40), dataDir: "/nonexistent" })).toBe("x".repeat(40));
  });

  it("is generated once on a fresh machine, private to the owner, and the same on every later call", () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "pp-secret-")), "data");
    const first = authSecret({ configured: "", dataDir });
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(authSecret({ configured: "", dataDir })).toBe(first);
    const file = path.join(dataDir, "auth-secret");
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});
