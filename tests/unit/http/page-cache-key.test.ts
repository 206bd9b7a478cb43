import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { cacheKeyFor } from "../../../lib/http/page-cache";

function request(url: string, headers: Record<string, string> = {}, method = "GET"): IncomingMessage {
  return { url, method, headers: { host: "papers.example.org", ...headers } } as unknown as IncomingMessage;
}

describe("which requests the page cache may answer", () => {
  it("public pages, feeds and the papers API, asked for anonymously, are cacheable", () => {
    for (const url of ["/", "/?sort=new", "/digests/2025-04-30", "/papers/video-mme-3f2a1c", "/search?q=video", "/search/feed.xml?q=x", "/tags", "/tags/video-llm?page=2", "/feed.xml", "/api/papers?q=x", "/api/papers/video-mme-3f2a1c"]) {
      expect(cacheKeyFor(request(url)), url).not.toBeNull();
    }
  });

  it("account, admin, sign-in and mutation endpoints are never cached", () => {
    for (const url of ["/me", "/admin", "/admin/imports", "/signin", "/api/auth/session", "/subscribe", "/preferences/abc", "/unsubscribe?token=x", "/api/papers/x/reactions", "/api/papers/x/tags", "/papers/x/extra", "/api/admin/imports"]) {
      expect(cacheKeyFor(request(url)), url).toBeNull();
    }
  });

  it("paths with dot segments (which Next would resolve elsewhere, /tags/../me is /me) are not cached", () => {
    expect(cacheKeyFor(request("/tags/../me"))).toBeNull();
    expect(cacheKeyFor(request("/digests/%2E%2E/admin"))).toBeNull();
    expect(cacheKeyFor(request("/tags/video..llm"))).not.toBeNull();
  });

  it("a signed-in visitor (Auth.js session cookie, plain or __Secure-) is always rendered for them", () => {
    expect(cacheKeyFor(request("/", { cookie: "authjs.session-token=abc" }))).toBeNull();
    expect(cacheKeyFor(request("/", { cookie: "theme=dark; __Secure-authjs.session-token=abc" }))).toBeNull();
    // Other cookies (a CSRF cookie left by the sign-in page) do not change what a page shows.
    expect(cacheKeyFor(request("/", { cookie: "authjs.csrf-token=abc" }))).not.toBeNull();
  });

  it("client-side navigations, prefetches and server actions are not the cached HTML", () => {
    expect(cacheKeyFor(request("/", { rsc: "1" }))).toBeNull();
    expect(cacheKeyFor(request("/", { "next-router-prefetch": "1" }))).toBeNull();
    expect(cacheKeyFor(request("/", { "next-action": "abc" }))).toBeNull();
    expect(cacheKeyFor(request("/", {}, "POST"))).toBeNull();
    expect(cacheKeyFor(request("/", {}, "HEAD"))).toBeNull();
  });

  it("the host, the forwarded origin and the accepted encoding are part of the key (links and compression differ)", () => {
    const base = cacheKeyFor(request("/search?q=a"));
    expect(cacheKeyFor(request("/search?q=a", { host: "other.example.org" }))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=a", { "x-forwarded-proto": "https" }))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=a", { "accept-encoding": "gzip" }))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=b"))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=a"))).toBe(base);
    // Next puts metadata in <head> for link-preview bots: their copy differs from a browser's.
    expect(cacheKeyFor(request("/search?q=a", { "user-agent": "facebookexternalhit/1.1" }))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=a", { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0" }))).toBe(base);
  });
});
