// GET /api/papers/:slug/abstract through the route handler, against a real catalogue: what a card's
// "Show full abstract" fetches.
import { describe, expect, it } from "vitest";
import * as route from "../../app/api/papers/[slug]/abstract/route";
import { cacheableRouteFor } from "../../lib/http/cacheable-routes";
import { SCRIPT_TITLE, slugOf, setUpApiCatalogue } from "./helpers/api-catalogue";

const { GET } = route;
const db = setUpApiCatalogue();

async function get(slug: string) {
  const response = await GET(new Request(`http://localhost/api/papers/${encodeURIComponent(slug)}/abstract`), {
    params: Promise.resolve({ slug }),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/papers/:slug/abstract", () => {
  it("exports only GET, and the page cache may keep its answers", () => {
    expect(Object.keys(route).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["GET"]);
    expect(cacheableRouteFor("/api/papers/video-mme-3f2a1c/abstract")?.route).toBe("/api/papers/[slug]/abstract");
  });

  it("returns the whole abstract as it is stored, as cacheable JSON", async () => {
    const slug = await slugOf(db, SCRIPT_TITLE);
    const { rows } = await db.pool.query<{ abstract: string }>(`SELECT abstract FROM paper WHERE slug = $1`, [slug]);
    const { response, body } = await get(slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(body).toEqual({ slug, abstract: rows[0]!.abstract });
    expect(body.abstract).toContain("<b>markup</b>");
  });

  it.each([
    ["an unknown slug", "no-such-paper-000000"],
    ["a 10,000-character slug", "a".repeat(10_000)],
    ["a NUL", "abc\u0000def"],
    ["an empty slug", ""],
  ])("answers %s with 404 in the error shape, not cached", async (_name, slug) => {
    const { response, body } = await get(slug);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({ error: "no paper with that slug" });
  });
});
