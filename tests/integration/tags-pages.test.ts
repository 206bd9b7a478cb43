// The tag pages' queries (sort, paging, per-month counts, the tag list) and the tag feed's route handler.
import { beforeAll, describe, expect, it } from "vitest";
import * as feedRoute from "../../app/tags/[slug]/feed.xml/route";
import { importDigest } from "../../lib/ingest/import";
import { listTags, papersByTag, papersPerMonth, TAG_PAGE_SIZE, tagBySlug } from "../../lib/tags/queries";
import { addUserTags } from "../../lib/tags/user-tags";
import { TOPICS } from "../../lib/tags/topic-taxonomy";
import { elementTexts, rssItems, xmlProblems } from "../unit/feeds/well-formed-xml";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const testDb = setUpTestDatabase();
const SCRIPT_TITLE = `<script>alert(1)</script> & "Video" Tricks`;
const options = { today: "2025-12-31", importedBy: "cli:test" };

/** 45 video papers over three months (20 in Jan, 0 in Feb, 15 in Mar, 10 in Apr) and one paper with no topic. */
beforeAll(async () => {
  const batches: [string, number][] = [
    ["2025-01-15", 20],
    ["2025-03-10", 15],
    ["2025-04-02", 10],
  ];
  let n = 0;
  for (const [date, count] of batches) {
    const papers = Array.from({ length: count }, () => {
      n += 1;
      return { title: `Video Study Number ${n}`, abstract: `Paper ${n} about koalas.` };
    });
    if (date === "2025-04-02") papers[0] = { title: SCRIPT_TITLE, abstract: "We study <b>markup</b> & videos." };
    if (date === "2025-01-15") papers.push({ title: "Untagged Koala Kernels", abstract: "Nothing to see." });
    const summary = await importDigest(testDb.pool, textSource(`${date}.txt`, digestText(date, papers)), options);
    expect(summary.status).toBe("IMPORTED");
  }
  // Votes for the "top" order; the trending key follows first_seen and the boost.
  await testDb.pool.query(`UPDATE paper SET upvote_count = 100 WHERE title = 'Video Study Number 3'`);
  await testDb.pool.query(
    `UPDATE paper SET upvote_count = 50, trending_boost = 1000 WHERE title = 'Video Study Number 7'`,
  );
});

describe("a tag's papers", () => {
  it("pages the newest first, 20 a page, with the total", async () => {
    const first = await papersByTag("video");
    expect(first).toMatchObject({ sort: "new", total: 45, page: 1, pageCount: 3, offset: 0 });
    expect(first!.papers).toHaveLength(TAG_PAGE_SIZE);
    expect(first!.papers[0]!.firstSeen).toBe("2025-04-02");
    const last = await papersByTag("video", { page: 3 });
    expect(last!.papers).toHaveLength(5);
    expect(last!.papers.every((paper) => paper.firstSeen === "2025-01-15")).toBe(true);
    const all = [...first!.papers, ...(await papersByTag("video", { page: 2 }))!.papers, ...last!.papers].map(
      (paper) => paper.id,
    );
    expect(new Set(all).size).toBe(45);
  });

  it("clamps a page past the end or below 1, and ignores an unknown sort", async () => {
    expect(await papersByTag("video", { page: 99 })).toMatchObject({ page: 3, offset: 40 });
    expect(await papersByTag("video", { page: -4 })).toMatchObject({ page: 1 });
    expect(await papersByTag("video", { page: Number.NaN })).toMatchObject({ page: 1 });
    expect(await papersByTag("video", { sort: "bogus" as never })).toMatchObject({ sort: "new" });
  });

  it("orders by trending key and by upvotes", async () => {
    expect((await papersByTag("video", { sort: "trending" }))!.papers[0]!.title).toBe("Video Study Number 7");
    const top = (await papersByTag("video", { sort: "top" }))!.papers.map((paper) => paper.title);
    expect(top.slice(0, 2)).toEqual(["Video Study Number 3", "Video Study Number 7"]);
  });

  it("is null for an unknown or malformed slug", async () => {
    for (const slug of ["no-such-tag", "Video", "a b", "../video", "", "x".repeat(500)]) {
      expect(await papersByTag(slug)).toBeNull();
      expect(await tagBySlug(slug)).toBeNull();
    }
  });

  it("counts papers per month with the empty months in between", async () => {
    expect(await papersPerMonth("video")).toEqual([
      { month: "2025-01", count: 20 },
      { month: "2025-02", count: 0 },
      { month: "2025-03", count: 15 },
      { month: "2025-04", count: 10 },
    ]);
    expect(await papersPerMonth("survey")).toEqual([]);
    expect(await papersPerMonth("Not a slug")).toEqual([]);
  });
});

describe("the tag list", () => {
  it("lists every topic first with its description, then people's tags in use by paper count", async () => {
    await testDb.pool.query(`INSERT INTO app_user (id, email) VALUES ('u1', 'u1@example.org')`);
    const { rows } = await testDb.pool.query<{ id: number }>(
      `SELECT id FROM paper WHERE title LIKE 'Video Study Number %' ORDER BY id LIMIT 2`,
    );
    expect((await addUserTags("u1", rows[0]!.id, "koalas, marsupials")).ok).toBe(true);
    expect((await addUserTags("u1", rows[1]!.id, "koalas")).ok).toBe(true);
    const tags = await listTags();
    expect(tags.slice(0, TOPICS.length).every((tag) => tag.kind === "TOPIC" && tag.description)).toBe(true);
    expect(tags[0]).toEqual({
      slug: "video",
      name: "Video",
      kind: "TOPIC",
      paperCount: 45,
      description: TOPICS.find((t) => t.slug === "video")!.description,
    });
    expect(tags.slice(TOPICS.length)).toEqual([
      { slug: "koalas", name: "koalas", kind: "USER", paperCount: 2, description: null },
      { slug: "marsupials", name: "marsupials", kind: "USER", paperCount: 1, description: null },
    ]);
  });
});

describe("GET /tags/SLUG/feed.xml", () => {
  async function feed(slug: string) {
    const response = await feedRoute.GET(new Request(`http://localhost/tags/${slug}/feed.xml`), {
      params: Promise.resolve({ slug }),
    });
    return { response, xml: await response.text() };
  }

  it("exports only GET", () => {
    expect(Object.keys(feedRoute).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["GET"]);
  });

  it("is well-formed RSS of the tag's newest papers with the title escaped", async () => {
    const { response, xml } = await feed("video");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toMatch(/<script/i);
    expect(xml).toContain("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Video&quot; Tricks</title>");
    expect(xml).toContain(
      '<atom:link href="http://localhost/tags/video/feed.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(elementTexts(xml, "link")[0]).toBe("http://localhost/tags/video");
    expect(elementTexts(xml, "title")[0]).toBe("PaperPulse: Video");
    const items = rssItems(xml);
    expect(items).toHaveLength(45);
    expect(elementTexts(items[0]!, "pubDate")).toEqual(["Wed, 02 Apr 2025 00:00:00 GMT"]);
    const [description] = elementTexts(
      items.find((item) => item.includes("alert(1)"))!,
      "description",
    );
    expect(description).toContain("We study &lt;b&gt;markup&lt;/b&gt; &amp; videos.");
  });

  it("is 404 for an unknown or malformed tag", async () => {
    expect((await feed("no-such-tag")).response.status).toBe(404);
    expect((await feed("%3Cscript%3E")).response.status).toBe(404);
  });
});
