// GET /api/papers/:slug through the route handler, against a real catalogue.
import { describe, expect, it } from "vitest";
import * as route from "../../app/api/papers/[slug]/route";
import { NEWEST_DATE, SCRIPT_TITLE, slugOf, setUpApiCatalogue } from "./helpers/api-catalogue";

const { GET } = route;
const db = setUpApiCatalogue();

async function get(slug: string) {
  const response = await GET(new Request(`http://localhost/api/papers/${encodeURIComponent(slug)}`), {
    params: Promise.resolve({ slug }),
  });
  const text = await response.text();
  return { response, status: response.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

describe("GET /api/papers/:slug", () => {
  it("exports only GET, so Next answers every other method with 405", () => {
    expect(Object.keys(route).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["GET"]);
  });

  it("returns the paper with its links, arXiv id, digests and absolute page URL, as cacheable JSON", async () => {
    const slug = await slugOf(db, "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    const { response, body } = await get(slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(body).toEqual({
      slug,
      title: "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts",
      abstract: expect.stringContaining("Recent advancements in Multimodal Large Language Models"),
      firstSeen: "2025-04-30",
      links: [{ url: "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs", kind: "CODE" }],
      arxivId: null,
      authors: [],
      digests: ["2025-04-30"],
      url: `http://localhost/papers/${slug}`,
    });
  });

  it("returns a title with markup exactly as written", async () => {
    const slug = await slugOf(db, SCRIPT_TITLE);
    const { status, body } = await get(slug);
    expect(status).toBe(200);
    expect(body).toMatchObject({ title: SCRIPT_TITLE, firstSeen: NEWEST_DATE, digests: [NEWEST_DATE] });
  });

  it("answers an unknown slug with 404 and the error shape, not cached", async () => {
    const { response, body } = await get("no-such-paper-000000");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({ error: 'no paper with slug "no-such-paper-000000"' });
  });

  it.each([
    ["a 10,000-character slug", "a".repeat(10_000)],
    ["SQL-looking text", "x' OR '1'='1"],
    ["emoji", "🎥-video"],
    ["a NUL", "abc\u0000def"],
    ["an empty slug", ""],
    ["a path", "../../etc/passwd"],
  ])("answers %s with 404, never a 500", async (_name, slug) => {
    const { status, body } = await get(slug);
    expect(status).toBe(404);
    expect((body.error as string).length).toBeLessThan(200);
  });
});
