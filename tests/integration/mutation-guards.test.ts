// The guards every mutation route and admin import route runs first, called with real Requests: a request
// another site's page sent is refused before the session is read or the body parsed, whatever SITE_URL says.
// (Past that point the guards read the session through next/headers, which exists only inside a running
// Next server: tests/e2e/mutations-http.test.ts and admin-imports-http.test.ts cover signed-out, signed-in,
// bad-body and admin answers over HTTP; tests/integration/auth-sessions.test.ts covers the session itself.)
import { describe, expect, it } from "vitest";

const SITE = "https://papers.example.org";
process.env.SITE_URL = SITE;
// Imported after SITE_URL is set: lib/auth/auth.ts reads the site's origin when it loads.
const { guardMutation } = await import("../../lib/api/mutation");
const { guardAdminMutation } = await import("../../lib/admin-import/guard");

/** A POST as a browser sends it: the page's origin in Origin, our host in Host (behind a proxy: the internal one). */
function post(origin: string | null, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { host: "internal:3000", "content-type": "application/json", ...extra };
  if (origin !== null) headers.origin = origin;
  return new Request("http://internal:3000/api/papers/some-paper/reactions", { method: "POST", headers, body: JSON.stringify({ kind: "upvote", active: true }) });
}

const crossSite: [string, Request][] = [
  ["another site's page", post("https://evil.example")],
  ["a look-alike host ending in another domain", post("https://papers.example.org.evil.example")],
  ["the site on another scheme and port", post("http://papers.example.org:8080")],
  ["an opaque origin (a sandboxed frame, a data: URL)", post("null")],
  ["a browser that says cross-site without an Origin", post(null, { "sec-fetch-site": "cross-site" })],
];

describe("cross-site requests", () => {
  it.each(crossSite)("from %s: guardMutation answers 403 and leaves the body unread", async (_, request) => {
    const guard = await guardMutation(request, null);
    expect(guard.ok).toBe(false);
    if (guard.ok) return;
    expect(guard.response.status).toBe(403);
    expect(await guard.response.json()).toMatchObject({ error: expect.stringMatching(/cross-site/) });
    expect(request.bodyUsed).toBe(false);
  });

  it.each(crossSite)("from %s: guardAdminMutation answers 403 before the role or the upload is looked at", async (_, request) => {
    const guard = await guardAdminMutation(request);
    expect(guard.ok).toBe(false);
    if (guard.ok) return;
    expect(guard.response.status).toBe(403);
    expect(request.bodyUsed).toBe(false);
  });
});
