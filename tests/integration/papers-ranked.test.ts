// Catalogue-wide lists (lib/papers/ranked.ts): trending, newest, top of a window, and their pages.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/prisma";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { digestByDate } from "../../lib/papers/digests";
import { RANKED_DEPTH, rankedPapers } from "../../lib/papers/ranked";
import { applySignalDelta, type SignalDelta } from "../../lib/trending/signals";
import { rankTrending } from "../../lib/trending/score";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();
const options = { today: "2025-05-10", importedBy: "cli:test" };

const KOALA = "Koala Kernels for Video Benchmarks"; // first seen 2025-05-02
const PLATYPUS = "Platypus Planning"; // 2025-05-05, the latest digest
const OWL = "Owl Optics for Vision Encoders"; // 2025-04-20: inside the month to May 5, outside the week
const AARDVARK = "Aardvark Alignment"; // 2025-03-01: outside both
const PAPER_COUNT = 98;

async function idOf(title: string): Promise<number> {
  const { rows } = await testDb.pool.query<{ id: number }>("SELECT id FROM paper WHERE title = $1", [title]);
  return rows[0]!.id;
}

async function signal(title: string, delta: SignalDelta): Promise<void> {
  const id = await idOf(title);
  await db().$transaction((tx) => applySignalDelta(tx, id, delta));
}

const titles = (page: { papers: { title: string }[] }) => page.papers.map((paper) => paper.title);

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { ...options, today: "2025-05-01" });
  await importDigest(
    testDb.pool,
    textSource("may-2.txt", digestText("2025-05-02", [{ title: KOALA, abstract: "A video benchmark of kernels." }])),
    options,
  );
  await importDigest(
    testDb.pool,
    textSource(
      "may-5.txt",
      digestText("2025-05-05", [{ title: PLATYPUS, abstract: "Planning with platypus agents." }]),
    ),
    options,
  );
  // Older digests imported later: their papers are the oldest in the catalogue but the newest ids.
  await importDigest(
    testDb.pool,
    textSource("apr-20.txt", digestText("2025-04-20", [{ title: OWL, abstract: "Owls see in the dark." }])),
    options,
  );
  await importDigest(
    testDb.pool,
    textSource("mar-1.txt", digestText("2025-03-01", [{ title: AARDVARK, abstract: "Aligning aardvarks." }])),
    options,
  );
});

describe("a catalogue with no votes", () => {
  it("trends newest first, each day in digest order", async () => {
    const trending = await rankedPapers({ sort: "trending" });
    expect(trending.total).toBe(PAPER_COUNT);
    const sample = await digestByDate("2025-04-30", "digest");
    expect(titles(trending)).toEqual([PLATYPUS, KOALA, ...titles(sample!), OWL, AARDVARK]);
    expect(trending.papers.every((paper) => paper.upvotes === 0)).toBe(true);
  });

  it("lists newest first, each day in its digest's order", async () => {
    const newest = await rankedPapers({ sort: "new" });
    const sample = await digestByDate("2025-04-30", "digest");
    expect(titles(newest)).toEqual([PLATYPUS, KOALA, ...titles(sample!), OWL, AARDVARK]);
  });

  it("tops by id when nobody has voted, so the order is still stable", async () => {
    const top = await rankedPapers({ sort: "top", window: "all" });
    const { rows } = await testDb.pool.query<{ title: string }>("SELECT title FROM paper ORDER BY id LIMIT 100");
    expect(titles(top)).toEqual(rows.map((row) => row.title));
  });
});

describe("with votes, saves and tags", () => {
  const RISER = "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis";

  it("a paper five days older than the newest rises above Koala (3 days newer) with 4 upvotes and above Platypus with 5", async () => {
    // boost = 2·log2(1 + 4) ≈ 4.64 days: more than Koala's 2-day lead, less than Platypus's 5.
    await signal(RISER, { upvotes: 4 });
    expect(titles(await rankedPapers({ sort: "trending", pageSize: 3 }))).toEqual([PLATYPUS, RISER, KOALA]);
    // 2·log2(6) ≈ 5.17 days > 5.
    await signal(RISER, { upvotes: 1 });
    expect(titles(await rankedPapers({ sort: "trending", pageSize: 3 }))).toEqual([RISER, PLATYPUS, KOALA]);
  });

  it("orders the whole catalogue exactly as rankTrending does from the same counts", async () => {
    await signal(OWL, { upvotes: 7, saves: 3 });
    await signal(AARDVARK, { tags: 9 });
    await signal(KOALA, { saves: 1, tags: 1 });
    const { rows } = await testDb.pool.query<{
      id: number;
      first_seen: string;
      upvotes: number;
      saves: number;
      tags: number;
    }>(
      `SELECT id, to_char(first_seen, 'YYYY-MM-DD') AS first_seen, upvote_count AS upvotes, save_count AS saves, tag_count AS tags FROM paper`,
    );
    const expected = rankTrending(
      rows.map((row) => ({ id: row.id, firstSeen: new Date(`${row.first_seen}T00:00:00Z`), signals: row })),
    ).map((row) => row.id);
    const trending = await rankedPapers({ sort: "trending" });
    expect(trending.papers.map((paper) => paper.id)).toEqual(expected);
  });

  it("tops all time by upvotes, ties in id order, with the counts on the papers", async () => {
    await signal(KOALA, { upvotes: 2 });
    const top = await rankedPapers({ sort: "top", window: "all", pageSize: 4 });
    expect(top.papers.map((paper) => [paper.title, paper.upvotes])).toEqual([
      [OWL, 7],
      [RISER, 5],
      [KOALA, 2],
      [expect.any(String), 0],
    ]);
    expect(top.range).toBeNull();
  });

  it("tops the week to the latest digest without papers first seen before it", async () => {
    const week = await rankedPapers({ sort: "top", window: "week" });
    expect(week.range).toEqual({ from: "2025-04-29", to: "2025-05-05" });
    expect(week.total).toBe(96);
    expect(titles(week).slice(0, 2)).toEqual([RISER, KOALA]);
    expect(titles(week)).not.toContain(OWL);
    expect(titles(week)).not.toContain(AARDVARK);
    expect(week.papers.every((paper) => paper.firstSeen >= "2025-04-29" && paper.firstSeen <= "2025-05-05")).toBe(true);

    const month = await rankedPapers({ sort: "top", window: "month" });
    expect(month.range).toEqual({ from: "2025-04-06", to: "2025-05-05" });
    expect(titles(month).slice(0, 3)).toEqual([OWL, RISER, KOALA]);
    expect(titles(month)).not.toContain(AARDVARK);
  });

  it("takes 'week' as the window when top is asked for without one", async () => {
    const top = await rankedPapers({ sort: "top" });
    expect(top).toMatchObject({ window: "week", range: { from: "2025-04-29", to: "2025-05-05" } });
  });
});

describe("pages", () => {
  it("split the list without gaps or repeats; the last page holds the remainder", async () => {
    const whole = await rankedPapers({ sort: "trending" });
    const pages = await Promise.all(
      [1, 2, 3, 4, 5].map((page) => rankedPapers({ sort: "trending", page, pageSize: 20 })),
    );
    expect(pages.map((page) => page.papers.length)).toEqual([20, 20, 20, 20, 18]);
    expect(pages.flatMap((page) => page.papers.map((paper) => paper.id))).toEqual(
      whole.papers.map((paper) => paper.id),
    );
    expect(pages[4]).toMatchObject({ page: 5, pageCount: 5, offset: 80, total: PAPER_COUNT, truncated: false });
  });

  it("answer a page past the end with the last page, and a page below 1 or not a number with the first", async () => {
    const last = await rankedPapers({ sort: "new", page: 5, pageSize: 20 });
    const past = await rankedPapers({ sort: "new", page: 999, pageSize: 20 });
    expect(past).toMatchObject({ page: 5, pageCount: 5 });
    expect(past.papers).toEqual(last.papers);
    for (const page of [0, -3, Number.NaN, 1.7])
      expect((await rankedPapers({ sort: "new", page, pageSize: 20 })).page).toBe(1);
  });

  it(`stop at the first ${RANKED_DEPTH.toLocaleString("en")} papers of a larger catalogue`, async () => {
    // Papers straight into the table (no digest): the lists read paper alone.
    await testDb.pool.query(`
      INSERT INTO paper (slug, title_key, title, abstract, first_seen, updated_at)
      SELECT 'bulk-' || g, 'bulk ' || g, 'Bulk paper ' || g, 'Filler.', DATE '2025-01-01' + (g % 60), now()
      FROM generate_series(1, ${RANKED_DEPTH}) AS g`);
    const deep = await rankedPapers({ sort: "trending", page: 10_000, pageSize: 50 });
    expect(deep).toMatchObject({
      total: RANKED_DEPTH,
      truncated: true,
      page: RANKED_DEPTH / 50,
      pageCount: RANKED_DEPTH / 50,
    });
    expect(deep.offset + deep.papers.length).toBe(RANKED_DEPTH);
  });
});
