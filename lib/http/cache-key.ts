// The page cache's key: the canonical URL (only the parameters the route reads, sorted, so
// `?utm_source=` or random junk cannot force renders or push real pages out), the encoding as the
// one copy Next can produce, and whether the client is a crawler Next renders differently.
import type { IncomingMessage } from "node:http";
import { acceptsCoding } from "./accept-encoding";
import { cacheableRouteFor } from "./cacheable-routes";
import { crawlerClass } from "./crawlers";

/** Dot segments (plain or encoded): Next normalizes them, so `/tags/../me` would be `/me`. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){2}(?:\/|$)/i;

/**
 * The request's URL as the cache keys it (and Next renders it): null when the path is not a cacheable
 * route. The kept parameters are sorted by name, each name's values in their original order.
 */
export function canonicalCacheUrl(url: string): string | null {
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (DOT_SEGMENT.test(path)) return null;
  const route = cacheableRouteFor(path);
  if (!route) return null;
  if (queryAt === -1) return path;
  const params = new URLSearchParams(url.slice(queryAt + 1));
  const kept = [...params].filter(([name]) => route.params === "all" || route.params.includes(name));
  // A stable sort: repeated names keep their order, which a page reading the first value relies on.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(kept).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The one encoding of a cached copy. Next compresses pages with gzip or not at all, so every Accept-Encoding
 * (`br`, `gzip, deflate, br, zstd`, junk) comes down to two copies instead of one per header spelling.
 */
export function reducedEncoding(acceptEncoding: string | string[] | undefined): "gzip" | "identity" {
  return acceptsCoding(acceptEncoding, "gzip", ["x-gzip"]) ? "gzip" : "identity";
}

/**
 * The cache key of a request for a public page, or null when it must be rendered for its sender
 * (not a GET, not a cacheable route, Next's router asking for something other than HTML). Session
 * cookies are decided separately (they need the database): see lib/http/page-cache.ts. The host is
 * not part of it: the web server pins it (lib/http/forwarded.ts).
 */
export function cacheKeyFor(req: IncomingMessage): string | null {
  if (req.method !== "GET" || isClientRouterRequest(req)) return null;
  const url = canonicalCacheUrl(req.url ?? "/");
  if (url === null) return null;
  return [reducedEncoding(req.headers["accept-encoding"]), crawlerClass(req.headers["user-agent"]), url].join("\n");
}

/** Headers of Next's client-side navigation, prefetch and server-action requests: their answers are not the HTML page. */
const CLIENT_ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "next-url"];

/** Whether this request is Next's router asking for something other than the page's HTML. */
function isClientRouterRequest(req: IncomingMessage): boolean {
  return CLIENT_ROUTER_HEADERS.some((name) => req.headers[name] !== undefined);
}
