// Which routes of app/ the anonymous page cache may answer, each with the query parameters its page
// reads. Every page and route handler under app/ is declared here, cacheable or not, and a test
// (tests/unit/http/cacheable-routes.test.ts) fails when a route is added to app/ without a decision
// or removed from it, so this list cannot drift from the routes.

/** A route as app/ names it (`/papers/[slug]`); `params`: what its page reads, or "all" to keep the query whole. */
export type CacheableRoute = { route: string; params: readonly string[] | "all" };

const SEARCH_PARAMS = ["q", "from", "to", "hasCode", "page", "pageSize"] as const;

/** Public, anonymous pages and feeds: the same bytes for every signed-out reader. */
export const CACHEABLE_ROUTES: readonly CacheableRoute[] = [
  { route: "/", params: ["sort", "page", "window"] },
  { route: "/digests/[date]", params: ["sort", "page"] },
  { route: "/papers/[slug]", params: [] },
  { route: "/search", params: SEARCH_PARAMS },
  { route: "/search/feed.xml", params: SEARCH_PARAMS },
  { route: "/tags", params: [] },
  { route: "/tags/[slug]", params: ["sort", "page"] },
  { route: "/tags/[slug]/feed.xml", params: [] },
  { route: "/authors/[slug]", params: ["page"] },
  { route: "/authors/[slug]/feed.xml", params: [] },
  { route: "/feed.xml", params: [] },
  // The API rejects parameters it does not know (400, never stored), so its query is kept whole.
  { route: "/api/papers", params: "all" },
  { route: "/api/papers/[slug]", params: "all" },
  // A card's "Show full abstract" (components/abstract-more.tsx); it reads no query.
  { route: "/api/papers/[slug]/abstract", params: [] },
];

/** Rendered for each request: personal, admin, sign-in, token pages and every mutation endpoint. */
export const RENDERED_ROUTES: readonly string[] = [
  "/admin",
  "/admin/imports",
  "/admin/imports/[id]",
  "/admin/mail",
  "/admin/outbox",
  "/admin/outbox/[id]",
  "/api/admin/imports",
  "/api/admin/imports/[id]",
  "/api/admin/imports/[id]/confirm",
  "/api/auth/[...nextauth]",
  // Answered by the web server before the cache (lib/http/personal-state.ts); the routes serve `next dev`.
  "/api/me/state",
  "/api/papers/counts",
  "/api/papers/[slug]/reactions",
  "/api/papers/[slug]/tags",
  "/api/papers/[slug]/tags/[tag]",
  "/api/unsubscribe/[token]",
  "/api/webhooks/resend",
  "/me",
  "/preferences/[token]",
  "/signin",
  "/signin/check-email",
  "/signin/error",
  "/subscribe",
  "/subscribe/confirm/[token]",
  "/unsubscribe/[token]",
];

/** `/papers/[slug]` -> /^\/papers\/[^/]+$/ (a dynamic segment is one path segment). */
function routePattern(route: string): RegExp {
  const source = route
    .split("/")
    .map((segment) => (/^\[.+\]$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("\\/");
  return new RegExp(`^${source || "\\/"}$`);
}

const MATCHERS = CACHEABLE_ROUTES.map((route) => ({ ...route, pattern: routePattern(route.route) }));

/** Static routes rendered per request that a cacheable pattern would also match (`/api/papers/counts`). */
const RENDERED_STATIC = new Set(RENDERED_ROUTES.filter((route) => !route.includes("[")));

/** The cacheable route a request path belongs to, or undefined. */
export function cacheableRouteFor(path: string): CacheableRoute | undefined {
  if (RENDERED_STATIC.has(path)) return undefined;
  return MATCHERS.find((candidate) => candidate.pattern.test(path));
}
