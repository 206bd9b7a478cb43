// GET /api/papers through the route handler, against a real catalogue.
import { afterEach, describe, expect, it } from "vitest";
// Other methods get 405 from Next itself: tests/e2e/api-methods-http.test.ts sends them to the real server.
import { GET } from "../../app/api/papers/route";
import { db as prisma } from "../../lib/db/prisma";
import { applySignalDelta } from "../../lib/trending/signals";
import { EMOJI_TITLE, NEWEST_DATE, PAPER_COUNT, SCRIPT_TITLE, setUpApiCatalogue } from "./helpers/api-catalogue";

const db = setUpApiCatalogue();

type PapersBody = {
  papers: {
    slug: string;
    title: string;
    abstract: string;
    firstSeen: string;
    links: { url: string; kind: string }[];
    upvotes?: number;
    url: string;
  }[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
};
type ErrorBody = { error: string; fieldErrors?: Record<string, string> };

async function get(query: string, headers: Record<string, string> = {}) {
  const response = await GET(new Request(`http://localhost/api/papers${query}`, { headers }));
  const text = await response.text();
  return { response, status: response.status, text, body: JSON.parse(text) as unknown };
}

async function papers(query: string) {
  const result = await get(query);
  expect(result.status, result.text).toBe(200);
  return result.body as PapersBody;
}

async function badRequest(query: string) {
  const result = await get(query);
  expect(result.status, result.text).toBe(400);
  expect(result.response.headers.get("content-type")).toMatch(/^application\/json/);
  return result.body as ErrorBody;
}

afterEach(() => {
  process.env.SITE_URL = "http://localhost";
});

describe("GET /api/papers", () => {
  it("searches the catalogue and returns each paper with its absolute page URL, as cacheable JSON", async () => {
    const { response, body } = await get("?q=video+benchmark");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const result = body as PapersBody;
    expect(result).toMatchObject({ page: 1, pageSize: 20 });
    expect(result.total).toBeGreaterThan(0);
    expect(result.pageCount).toBe(Math.ceil(result.total / 20));
    const titles = result.papers.map((paper) => paper.title);
    expect(titles).toContain(
      "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis",
    );
    for (const paper of result.papers) {
      expect(Object.keys(paper).sort()).toEqual(["abstract", "firstSeen", "links", "slug", "title", "url"]);
      expect(paper.url).toBe(`http://localhost/papers/${paper.slug}`);
      expect(paper.firstSeen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("with no parameters lists the newest papers first, all of the catalogue counted", async () => {
    const result = await papers("");
    expect(result.total).toBe(PAPER_COUNT);
    expect(result.papers).toHaveLength(20);
    expect(result.papers[0]!.firstSeen).toBe(NEWEST_DATE);
    expect(new Set(result.papers.slice(0, 2).map((paper) => paper.title))).toEqual(
      new Set([SCRIPT_TITLE, EMOJI_TITLE]),
    );
  });

  it("pages through results: page 5 of 20 holds the last papers, a page past the end answers the last page", async () => {
    const last = await papers("?page=5&pageSize=20");
    expect(last).toMatchObject({ page: 5, pageSize: 20, total: PAPER_COUNT, pageCount: 5 });
    expect(last.papers).toHaveLength(PAPER_COUNT - 80);
    const past = await papers("?page=99&pageSize=20");
    expect(past).toMatchObject({ page: 5, pageCount: 5 });
    expect(past.papers.map((paper) => paper.slug)).toEqual(last.papers.map((paper) => paper.slug));
    const all = await papers("?pageSize=50&page=1");
    const second = await papers("?pageSize=50&page=2");
    expect(new Set([...all.papers, ...second.papers].map((paper) => paper.slug)).size).toBe(PAPER_COUNT);
  });

  it("filters by code links and by first-seen dates", async () => {
    const withCode = await papers("?hasCode=true&pageSize=50");
    expect(withCode.total).toBeGreaterThan(0);
    for (const paper of withCode.papers) expect(paper.links.some((link) => link.kind === "CODE")).toBe(true);

    const newest = await papers(`?from=${NEWEST_DATE}&to=${NEWEST_DATE}`);
    expect(newest.total).toBe(2);
    const older = await papers("?to=2025-04-30&hasCode=1&pageSize=50");
    expect(older.papers.length).toBeGreaterThan(0);
    expect(older.papers.every((paper) => paper.firstSeen === "2025-04-30")).toBe(true);
    // Of the two newest papers only the script-titled one links to code.
    expect(older.total).toBe(withCode.total - 1);
  });

  it("returns titles as they were written, markup and all (JSON needs no HTML escaping; pages escape when rendering)", async () => {
    const result = await papers(`?q=${encodeURIComponent("alert quotes")}`);
    const paper = result.papers.find((p) => p.title === SCRIPT_TITLE);
    expect(paper).toBeDefined();
    expect(paper!.links).toEqual([{ url: "https://github.com/example/script-paper", kind: "CODE" }]);
  });

  it("rejects a pageSize over the maximum with 400, naming the field and the maximum", async () => {
    const body = await badRequest("?pageSize=51");
    expect(body.error).toMatch(/pageSize/);
    expect(body.fieldErrors?.pageSize).toMatch(/50/);
    expect(Object.keys(body.fieldErrors!)).toEqual(["pageSize"]);
    expect((await papers("?pageSize=50")).papers).toHaveLength(50);
  });

  it.each([
    ["page=0", "page"],
    ["page=-1", "page"],
    ["page=99999999999999999999999", "page"],
    ["page=1e3", "page"],
    ["page=abc", "page"],
    ["pageSize=0", "pageSize"],
    ["pageSize=-5", "pageSize"],
    ["pageSize=1.5", "pageSize"],
    ["from=2025-13-45", "from"],
    ["from=yesterday", "from"],
    ["to=2025-02-30", "to"],
    ["from=2025-05-01&to=2025-04-01", "to"],
    ["hasCode=maybe", "hasCode"],
  ])("rejects %s with 400 and a field error for %s", async (query, field) => {
    const body = await badRequest(`?${query}`);
    expect(body.error).toEqual(expect.any(String));
    expect(Object.keys(body.fieldErrors ?? {})).toContain(field);
  });

  it("rejects parameters it does not know (a typo, or a name from another API) instead of ignoring them", async () => {
    const body = await badRequest("?q=video&order=trending&pagesize=10");
    expect(body.error).toBe("unknown query parameters: order, pagesize");
    expect(Object.keys(body.fieldErrors!)).toEqual(["order", "pagesize"]);
    expect(body.fieldErrors!.order).toMatch(/allowed: q, from, to, hasCode, rank, sort, window, page, pageSize/);
  });

  it.each([
    ["a 10,000-character query", encodeURIComponent("video ".repeat(1667).slice(0, 10_000))],
    ["punctuation only", encodeURIComponent("!@#$%^&*()_+-=[]{};':\",./<>?\\|`~")],
    ["tsquery operators", encodeURIComponent("video & | ! <-> :* ( ) 'a' \\")],
    ["SQL-looking text", encodeURIComponent("'; DROP TABLE paper; -- OR 1=1 /* */")],
    ["emoji", encodeURIComponent("🎥😀👩‍👩‍👧")],
    ["a NUL and control characters", "vid%00eo%01%1B"],
    ["bytes that are not UTF-8", "%ED%A0%80video%FF%C0"],
    ["a malformed percent escape", "video%ZZ%"],
    ["right-to-left and combining marks", encodeURIComponent("\u202Evideo\u0301 ويديو")],
  ])("answers %s with 200 and a valid body, never a 500", async (_name, encodedQ) => {
    const result = await papers(`?q=${encodedQ}`);
    expect(result.page).toBe(1);
    expect(Array.isArray(result.papers)).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(0);
  });

  it("leaves the catalogue untouched by SQL-looking queries", async () => {
    await papers(`?q=${encodeURIComponent("x'); DELETE FROM paper; --")}`);
    const { rows } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM paper");
    expect(rows[0]!.n).toBe(PAPER_COUNT);
  });

  it("finds a paper by the emoji in its title", async () => {
    const result = await papers(`?q=${encodeURIComponent("emoji video")}`);
    expect(result.papers.map((paper) => paper.title)).toContain(EMOJI_TITLE);
  });

  it("takes the first value of a repeated parameter", async () => {
    expect((await papers("?page=2&page=1")).page).toBe(2);
  });
});

describe("GET /api/papers?sort=", () => {
  const slugs = (body: PapersBody) => body.papers.map((paper) => paper.slug);

  async function upvote(title: string, upvotes: number) {
    const { rows } = await db.pool.query<{ id: number }>("SELECT id FROM paper WHERE title = $1", [title]);
    await prisma().$transaction((tx) => applySignalDelta(tx, rows[0]!.id, { upvotes }));
  }

  it("sort=new is the default newest-first list, filters included", async () => {
    expect(await papers("?sort=new&pageSize=50")).toEqual(await papers("?pageSize=50"));
    const withCode = await papers("?sort=new&hasCode=1&pageSize=50");
    expect(withCode.total).toBeGreaterThan(0);
    for (const paper of withCode.papers) expect(paper.links.some((link) => link.kind === "CODE")).toBe(true);
  });

  it("sort=trending with no votes lists the newest day first, each paper with its upvotes", async () => {
    const result = await papers("?sort=trending");
    expect(result).toMatchObject({ page: 1, pageSize: 20, total: PAPER_COUNT, pageCount: 5 });
    expect(result.papers.slice(0, 2).map((paper) => paper.title)).toEqual([SCRIPT_TITLE, EMOJI_TITLE]);
    for (const paper of result.papers) {
      expect(Object.keys(paper).sort()).toEqual(["abstract", "firstSeen", "links", "slug", "title", "upvotes", "url"]);
    }
  });

  it("sort=top ranks by upvotes: the week to the latest digest by default, or window=month|all", async () => {
    const title = "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis";
    await upvote(title, 3);
    for (const query of ["?sort=top", "?sort=top&window=week", "?sort=top&window=month", "?sort=top&window=all"]) {
      const [first] = (await papers(`${query}&pageSize=1`)).papers;
      expect(first, query).toMatchObject({ title, upvotes: 3 });
    }
    // 3 upvotes are worth 4 days: more than the one day the newest digest is ahead.
    expect((await papers("?sort=trending&pageSize=1")).papers[0]!.title).toBe(title);
    await upvote(title, -3);
  });

  it("pages the ranked lists like search: a page past the end answers the last page", async () => {
    const last = await papers("?sort=trending&page=5");
    expect(last).toMatchObject({ page: 5, pageCount: 5 });
    expect(last.papers).toHaveLength(PAPER_COUNT - 80);
    expect(slugs(await papers("?sort=trending&page=9999"))).toEqual(slugs(last));
  });

  it.each([
    ["sort=hot", "sort", /must be one of trending, new, top \(got "hot"\)/],
    ["sort=top&window=year", "window", /must be one of week, month, all \(got "year"\)/],
    ["window=week", "window", /window applies only to sort=top/],
    ["sort=trending&window=all", "window", /window applies only to sort=top/],
    ["q=video&sort=new", "sort", /sort is not supported with q/],
    ["sort=top&hasCode=1", "hasCode", /hasCode is not supported with sort=top/],
    ["sort=trending&from=2025-04-01", "from", /from is not supported with sort=trending/],
  ])("rejects %s with 400 and a field error for %s", async (query, field, message) => {
    const body = await badRequest(`?${query}`);
    expect(body.fieldErrors?.[field]).toMatch(message);
    expect(body.error).toEqual(expect.any(String));
  });
});

describe("absolute URLs in API answers", () => {
  it("use SITE_URL when it is set (a path prefix is kept, a trailing slash dropped)", async () => {
    process.env.SITE_URL = "https://papers.example.org/pp/";
    const [paper] = (await papers("?pageSize=1")).papers;
    expect(paper!.url).toBe(`https://papers.example.org/pp/papers/${paper!.slug}`);
  });

  it("never come from the Host or X-Forwarded-* headers a client sent", async () => {
    process.env.SITE_URL = "https://papers.example.org";
    for (const headers of <Record<string, string>[]>[
      { host: "pp.internal:8080", "x-forwarded-host": "papers.example.net", "x-forwarded-proto": "http" },
      { "x-forwarded-host": `evil.example/"><script>` },
    ]) {
      const { body } = await get("?pageSize=1", headers);
      const [paper] = (body as PapersBody).papers;
      expect(paper!.url).toBe(`https://papers.example.org/papers/${paper!.slug}`);
    }
  });
});
