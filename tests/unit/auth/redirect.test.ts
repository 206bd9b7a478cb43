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

// Issue 11: every answer is a path with exactly one leading "/" that a browser resolves to this site, whatever
// the URL parser or a browser makes of dot segments, encoded characters, backslashes and control characters.
describe("no callbackUrl leaves the site, however it is spelled", () => {
  /** Why `output` would not keep a browser on the site, or null when it would. */
  function offSite(output: unknown): string | null {
    if (typeof output !== "string") return "not a string";
    if (!output.startsWith("/")) return "does not start with /";
    if (output.startsWith("//") || output.startsWith("/\\")) return "starts with // or /\\ (another host to a browser)";
    // A Location header with a tab, newline or space is read differently by different clients.
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    if (/[\u0000-\u0020\u007f]/.test(output)) return "contains a control character or space";
    if (new URL(output, site).origin !== site) return `resolves to ${new URL(output, site).origin}`;
    return null;
  }

  it.each([
    "/.//evil.example",
    "/a/..//x",
    "/%2e//x",
    "/%2E//x",
    "/%2e%2e//evil.example",
    "/..//evil.example",
    "/./\\evil.example",
    "https://papers.example.org//x",
    "https://papers.example.org//evil.example/steal",
    "https://papers.example.org/.//evil.example",
    "https://papers.example.org/a/..//evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%5Cevil.example",
    "/%5C/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http:evil.example",
    "https:evil.example",
    "\t//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "/%09/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "%2F%2Fevil.example",
    "////evil.example",
    "https:///evil.example",
    "https://papers.example.org@evil.example/",
    "https://evil.example#@papers.example.org/",
    "//papers.example.org@evil.example",
  ])("%j stays on the site", (value) => {
    const output = safeCallbackPath(value, site);
    expect(offSite(output), `${JSON.stringify(value)} -> ${JSON.stringify(output)}`).toBeNull();
  });

  it("every short combination of slashes, backslashes, dots and their encodings before a host stays on the site", () => {
    const pieces = ["/", "\\", ".", "..", "%2e", "%2f", "%5c", "%09", "\t", "@"];
    const problems: string[] = [];
    const visit = (prefix: string, depth: number) => {
      for (const tail of ["evil.example", "evil.example/x"]) {
        const value = `${prefix}${tail}`;
        const output = safeCallbackPath(value, site);
        const why = offSite(output);
        if (why) problems.push(`${JSON.stringify(value)} -> ${JSON.stringify(output)}: ${why}`);
      }
      if (depth === 0) return;
      for (const piece of pieces) visit(`${prefix}${piece}`, depth - 1);
    };
    visit("", 4);
    visit("https://papers.example.org/", 3);
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it("keeps legitimate targets exactly: paths with query and fragment, and the site's own absolute URLs as paths", () => {
    expect(safeCallbackPath("/papers/x?y=1#z", site)).toBe("/papers/x?y=1#z");
    expect(safeCallbackPath("/", site)).toBe("/");
    expect(safeCallbackPath("/me", site)).toBe("/me");
    expect(safeCallbackPath("https://papers.example.org/", site)).toBe("/");
    expect(safeCallbackPath("https://papers.example.org/search?q=a%20b&sort=new", site)).toBe(
      "/search?q=a%20b&sort=new",
    );
    expect(safeCallbackPath("https://papers.example.org/tags/vision#top", site)).toBe("/tags/vision#top");
  });
});
