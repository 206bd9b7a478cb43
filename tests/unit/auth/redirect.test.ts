// callbackUrl after sign-in: only ever a page of this site.
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "../../../lib/auth/redirect";

const site = "https://papers.example.org";

describe("where sign-in may send people back to", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeCallbackPath("/papers/video-mme-abc123", site)).toBe("/papers/video-mme-abc123");
    expect(safeCallbackPath("/search?q=video#results", site)).toBe("/search?q=video#results");
    expect(safeCallbackPath("https://papers.example.org/me", site)).toBe("/me");
  });

  it.each([
    ["another site", "https://evil.example/steal"],
    ["a protocol-relative URL", "//evil.example/steal"],
    ["a backslash trick", "/\\evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["the same host on another port", "https://papers.example.org:8443/me"],
    ["plain http to an https site", "http://papers.example.org/me"],
    ["nothing", ""],
    ["not a string", 42],
  ])("sends %s to the home page", (_name, value) => {
    expect(safeCallbackPath(value, site)).toBe("/");
  });
});
