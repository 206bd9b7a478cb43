import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { cacheKeyFor } from "../../../lib/http/cache-key";

function request(url: string, headers: Record<string, string> = {}, method = "GET"): IncomingMessage {
  return { url, method, headers: { host: "papers.example.org", ...headers } } as unknown as IncomingMessage;
}

describe("which requests the page cache may answer", () => {
  it("public pages, feeds and the papers API, asked for anonymously, are cacheable", () => {
    for (const url of [
      "/",
      "/?sort=new",
      "/digests/2025-04-30",
      "/papers/video-mme-3f2a1c",
      "/search?q=video",
      "/search/feed.xml?q=x",
      "/tags",
      "/tags/video-llm?page=2",
      "/feed.xml",
      "/api/papers?q=x",
      "/api/papers/video-mme-3f2a1c",
    ]) {
      expect(cacheKeyFor(request(url)), url).not.toBeNull();
    }
  });

  it("account, admin, sign-in and mutation endpoints are never cached", () => {
    for (const url of [
      "/me",
      "/admin",
      "/admin/imports",
      "/signin",
      "/api/auth/session",
      "/subscribe",
      "/preferences/abc",
      "/unsubscribe?token=x",
      "/api/papers/x/reactions",
      "/api/papers/x/tags",
      "/papers/x/extra",
      "/api/admin/imports",
    ]) {
      expect(cacheKeyFor(request(url)), url).toBeNull();
    }
  });

  it("paths with dot segments (which Next would resolve elsewhere, /tags/../me is /me) are not cached", () => {
    expect(cacheKeyFor(request("/tags/../me"))).toBeNull();
    expect(cacheKeyFor(request("/digests/%2E%2E/admin"))).toBeNull();
    expect(cacheKeyFor(request("/tags/video..llm"))).not.toBeNull();
  });

  it("client-side navigations, prefetches and server actions are not the cached HTML", () => {
    expect(cacheKeyFor(request("/", { rsc: "1" }))).toBeNull();
    expect(cacheKeyFor(request("/", { "next-router-prefetch": "1" }))).toBeNull();
    expect(cacheKeyFor(request("/", { "next-action": "abc" }))).toBeNull();
    expect(cacheKeyFor(request("/", {}, "POST"))).toBeNull();
    expect(cacheKeyFor(request("/", {}, "HEAD"))).toBeNull();
  });

  it("the accepted encoding (as gzip or identity) and crawler class are part of the key; the host is not (the server pins it)", () => {
    const base = cacheKeyFor(request("/search?q=a"));
    expect(cacheKeyFor(request("/search?q=a", { host: "other.example.org" }))).toBe(base);
    expect(cacheKeyFor(request("/search?q=a", { "x-forwarded-host": "evil.example" }))).toBe(base);
    expect(cacheKeyFor(request("/search?q=a", { "accept-encoding": "gzip" }))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=b"))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=a"))).toBe(base);
    // Next puts metadata in <head> for link-preview bots: their copy differs from a browser's.
    expect(cacheKeyFor(request("/search?q=a", { "user-agent": "facebookexternalhit/1.1" }))).not.toBe(base);
    expect(cacheKeyFor(request("/search?q=a", { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0" }))).toBe(
      base,
    );
  });

  it("junk query parameters and their order do not make new entries; the ones a page reads do", () => {
    const home = cacheKeyFor(request("/"));
    expect(cacheKeyFor(request("/?utm_source=news&fbclid=x"))).toBe(home);
    expect(cacheKeyFor(request("/?zzz=1"))).toBe(home);
    expect(cacheKeyFor(request("/?sort=new&page=2"))).toBe(cacheKeyFor(request("/?page=2&junk=1&sort=new")));
    expect(cacheKeyFor(request("/?sort=new"))).not.toBe(home);
    expect(cacheKeyFor(request("/papers/x?ref=twitter"))).toBe(cacheKeyFor(request("/papers/x")));
    expect(cacheKeyFor(request("/search?q=a&utm_campaign=y"))).toBe(cacheKeyFor(request("/search?q=a")));
  });

  it("every spelling of Accept-Encoding comes down to gzip or identity", () => {
    const gzip = cacheKeyFor(request("/", { "accept-encoding": "gzip" }));
    for (const header of ["gzip, deflate, br, zstd", "br;q=1, gzip;q=0.8, foo", "*", "GZIP"]) {
      expect(cacheKeyFor(request("/", { "accept-encoding": header })), header).toBe(gzip);
    }
    const identity = cacheKeyFor(request("/"));
    for (const header of ["br", "identity", "gzip;q=0", "foo, bar", "*;q=0"]) {
      expect(cacheKeyFor(request("/", { "accept-encoding": header })), header).toBe(identity);
    }
  });
});
