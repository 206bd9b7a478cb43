// What the page cache may answer and under which key. Each cacheable route lists the query parameters
// its page reads: the key (and the URL Next renders) keeps only those, sorted, so `?utm_source=` or
// random junk cannot force renders or push real pages out of the cache. Keep the table in step with
// the pages' searchParams (tests/unit/http/page-cache-key.test.ts checks a page of each).
import type { IncomingMessage } from "node:http";

type CacheableRoute = { path: RegExp; params: readonly string[] | "all" };

const SEARCH_PARAMS = ["q", "from", "to", "hasCode", "page", "pageSize"] as const;

/** Public, anonymous pages and feeds; everything else (accounts, admin, auth, mutations) goes straight through. */
const CACHEABLE_ROUTES: CacheableRoute[] = [
  { path: /^\/$/, params: ["sort", "page", "window"] },
  { path: /^\/digests\/[^/]+$/, params: ["sort", "page"] },
  { path: /^\/papers\/[^/]+$/, params: [] },
  { path: /^\/search$/, params: SEARCH_PARAMS },
  { path: /^\/search\/feed\.xml$/, params: SEARCH_PARAMS },
  { path: /^\/tags$/, params: [] },
  { path: /^\/tags\/[^/]+$/, params: ["sort", "page"] },
  { path: /^\/tags\/[^/]+\/feed\.xml$/, params: [] },
  { path: /^\/feed\.xml$/, params: [] },
  // The API rejects parameters it does not know (400, never stored), so its query is kept whole.
  { path: /^\/api\/papers(?:\/[^/]+)?$/, params: "all" },
];

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
  const route = CACHEABLE_ROUTES.find((candidate) => candidate.path.test(path));
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
 * The one encoding of a cached copy. Next compresses with gzip or not at all, so every Accept-Encoding
 * (`br`, `gzip, deflate, br, zstd`, junk) comes down to two copies instead of one per header spelling.
 */
export function reducedEncoding(acceptEncoding: string | string[] | undefined): "gzip" | "identity" {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : (acceptEncoding ?? "");
  let gzip: boolean | undefined;
  let star: boolean | undefined;
  for (const part of header.split(",")) {
    const [name, ...rest] = part.trim().toLowerCase().split(";");
    const q = rest.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    const accepted = q === undefined || Number(q) > 0;
    if (name === "gzip" || name === "x-gzip") gzip = accepted;
    else if (name === "*") star = accepted;
  }
  return (gzip ?? star) ? "gzip" : "identity";
}

/** Headers of Next's client-side navigation, prefetch and server-action requests: their answers are not the HTML page. */
const CLIENT_ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "next-url"];

/** Whether this request is Next's router asking for something other than the page's HTML. */
export function isClientRouterRequest(req: IncomingMessage): boolean {
  return CLIENT_ROUTER_HEADERS.some((name) => req.headers[name] !== undefined);
}
