import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CACHEABLE_ROUTES, cacheableRouteFor, RENDERED_ROUTES } from "../../../lib/http/cacheable-routes";

/** Every page and route handler under app/, as its URL pattern (`/papers/[slug]`). */
function appRoutes(dir = path.resolve("app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      // Private folders (`_components`) and route groups (`(group)`) add no URL segment.
      if (entry.name.startsWith("_")) continue;
      const segment = /^\(.+\)$/.test(entry.name) ? "" : `/${entry.name}`;
      routes.push(...appRoutes(path.join(dir, entry.name), `${prefix}${segment}`));
    } else if (/^(page\.tsx|route\.ts)$/.test(entry.name)) {
      routes.push(prefix || "/");
    }
  }
  return routes;
}

describe("the page cache's route declarations", () => {
  it("name every route under app/ exactly once, cacheable or rendered per request", () => {
    const declared = [...CACHEABLE_ROUTES.map((route) => route.route), ...RENDERED_ROUTES];
    expect(new Set(declared).size, "a route declared twice").toBe(declared.length);
    expect([...declared].sort()).toEqual(appRoutes().sort());
  });

  it("match request paths to their route, one segment per dynamic part", () => {
    expect(cacheableRouteFor("/papers/video-mme-3f2a1c")?.route).toBe("/papers/[slug]");
    expect(cacheableRouteFor("/tags/video/feed.xml")?.route).toBe("/tags/[slug]/feed.xml");
    expect(cacheableRouteFor("/")?.route).toBe("/");
    expect(cacheableRouteFor("/papers/x/extra")).toBeUndefined();
    expect(cacheableRouteFor("/feedxxml")).toBeUndefined();
    expect(cacheableRouteFor("/me")).toBeUndefined();
    // Personal or too lively to cache, though /api/papers/[slug] would match it.
    expect(cacheableRouteFor("/api/papers/counts")).toBeUndefined();
    expect(cacheableRouteFor("/api/me/state")).toBeUndefined();
  });
});
