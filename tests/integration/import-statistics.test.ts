// What an import leaves behind besides rows: planner statistics for what it changed, and similar
// lists left to the worker's job (queued by the import, computed by the job, never lost).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { similarPapers } from "../../lib/papers/similar";
import { similarBackfillJob } from "../../lib/worker/similar-job";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const db = setUpTestDatabase();
const options = { today: "2025-12-31", importedBy: "cli:test" };

/** One run of the worker's similar-lists job, as the worker calls it. */
async function runSimilarJob(): Promise<Record<string, unknown>> {
  const job = similarBackfillJob({ timeZone: "UTC" });
  return job.run({ pool: db.pool, now: new Date(), workerId: "test", jobId: "test" });
}

async function statistics(table: string): Promise<{ reltuples: number; analyzed: Date | null; columns: number }> {
  const { rows } = await db.pool.query(
    `SELECT c.reltuples::int AS reltuples, s.last_analyze AS analyzed,
            (SELECT count(*)::int FROM pg_stats p WHERE p.schemaname = current_schema() AND p.tablename = c.relname) AS columns
     FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = $1::regclass`,
    [table],
  );
  return rows[0];
}

async function idsOf(titles: string[]): Promise<number[]> {
  const { rows } = await db.pool.query<{ id: number }>(`SELECT id FROM paper WHERE title = ANY($1) ORDER BY id`, [
    titles,
  ]);
  return rows.map((row) => row.id);
}

async function storedLists(ids: number[]): Promise<Map<number, number[]>> {
  const { rows } = await db.pool.query<{ paper_id: number; ids: number[] }>(
    `SELECT paper_id, array_agg(similar_id ORDER BY score DESC, similar_id DESC) AS ids
     FROM paper_similar WHERE paper_id = ANY($1) GROUP BY paper_id`,
    [ids],
  );
  return new Map(rows.map((row) => [row.paper_id, row.ids]));
}

async function pending(): Promise<number[]> {
  const { rows } = await db.pool.query<{ paper_id: number }>(
    `SELECT paper_id FROM paper_similar_pending ORDER BY paper_id`,
  );
  return rows.map((row) => row.paper_id);
}

const VIDEO_PAPERS = [
  { title: "Video Benchmarks for Multimodal LLMs Revisited", abstract: "A video benchmark for multimodal LLMs." },
  { title: "Long Video Understanding with Memory", abstract: "Video understanding over long clips." },
];

beforeAll(async () => {
  await importDigest(db.pool, await fileSource(samplePath), { ...options, today: "2025-05-01" });
});

describe("planner statistics after an import", () => {
  it("an import into an empty catalogue leaves statistics for every table it filled", async () => {
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM paper`);
    const paper = await statistics("paper");
    expect(paper.analyzed).not.toBeNull();
    expect(paper.reltuples).toBe(rows[0]!.n);
    expect(paper.columns).toBeGreaterThan(5);
    for (const table of ["paper_link", "digest_entry", "paper_tag", "search_word", "paper_similar_pending"]) {
      const stats = await statistics(table);
      expect(stats.analyzed, table).not.toBeNull();
      expect(stats.reltuples, table).toBeGreaterThan(0);
    }
  });

  it("a digest that changes a small share of a table leaves its analysis to autovacuum", async () => {
    const before = await statistics("paper");
    await importDigest(
      db.pool,
      textSource("small.txt", digestText("Jun 2, 2025", [{ title: "A Small Addition", abstract: "Small." }])),
      options,
    );
    // (reltuples is not compared: autovacuum may analyze the table in the meantime, by its own rule.)
    expect((await statistics("paper")).analyzed).toEqual(before.analyzed);
  });
});

describe("similar lists come from the worker, not the import", () => {
  it("new papers are queued by the import and given their lists by the worker's job", async () => {
    const summary = await importDigest(
      db.pool,
      textSource("jun-3.txt", digestText("Jun 3, 2025", VIDEO_PAPERS)),
      options,
    );
    expect(summary.counts.new).toBe(2);
    const ids = await idsOf(VIDEO_PAPERS.map((paper) => paper.title));
    expect(await storedLists(ids)).toEqual(new Map());
    expect(await pending()).toEqual(expect.arrayContaining(ids));

    // Meanwhile a reader sees a list computed on request, the one the worker will store.
    const meanwhile = await similarPapers(ids[0]!);
    expect(meanwhile.length).toBe(5);

    expect(await runSimilarJob()).toMatchObject({ left: 0 });
    const lists = await storedLists(ids);
    expect(lists.get(ids[0]!)!.slice(0, 5)).toEqual(meanwhile.map((paper) => paper.id));
    expect(lists.get(ids[1]!)!.length).toBeGreaterThan(0);
    // The new papers joined the lists of the papers they resemble.
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM paper_similar WHERE similar_id = ANY($1)`, [
      ids,
    ]);
    expect(rows[0].n).toBeGreaterThan(0);
    expect(await pending()).toEqual([]);
  });

  it("nothing is lost when the worker runs only after several imports, a changed text included", async () => {
    const first = [
      { title: "Diffusion Models for Video Generation at Scale", abstract: "Video diffusion generation." },
      { title: "Reward Models for Reasoning Agents", abstract: "Rewards for reasoning agents." },
    ];
    const second = [
      { title: "Diffusion Transformers for Image Editing", abstract: "Diffusion transformers edit images." },
      // The same paper, a new abstract: its list must be recomputed, not dropped or left stale.
      { title: "Reward Models for Reasoning Agents", abstract: "Rewards for reasoning agents and video diffusion." },
    ];
    await importDigest(db.pool, textSource("jun-4.txt", digestText("Jun 4, 2025", first)), options);
    const changed = await importDigest(db.pool, textSource("jun-5.txt", digestText("Jun 5, 2025", second)), options);
    expect(changed.counts).toMatchObject({ new: 1, updated: 1 });
    const ids = await idsOf([...first, ...second].map((paper) => paper.title));
    expect(ids).toHaveLength(3);
    expect(await pending()).toEqual(ids);

    // A worker that is late runs once, later: every queued paper gets its list, the changed one from its new text.
    expect(await runSimilarJob()).toEqual({ computed: 3, left: 0 });
    const lists = await storedLists(ids);
    expect([...lists.keys()].sort((a, b) => a - b)).toEqual(ids);
    const { rows } = await db.pool.query<{ similar_id: number }>(
      `SELECT similar_id FROM paper_similar_compute($1, 10) ORDER BY score DESC, similar_id DESC`,
      [ids[1]],
    );
    expect(lists.get(ids[1]!)).toEqual(rows.map((row) => row.similar_id));
  });

  it("an import and the worker's job at the same time: the import's papers are all queued or computed", async () => {
    await db.pool.query(`INSERT INTO paper_similar_pending (paper_id) SELECT id FROM paper ON CONFLICT DO NOTHING`);
    const papers = [
      { title: "Sparse Mixture of Experts for Video Models", abstract: "Experts for video." },
      { title: "Multimodal Benchmarks Under Distribution Shift", abstract: "Benchmarks under shift." },
    ];
    const [summary] = await Promise.all([
      importDigest(db.pool, textSource("jun-6.txt", digestText("Jun 6, 2025", papers)), options),
      runSimilarJob(),
    ]);
    expect(summary.status).toBe("IMPORTED");
    while (((await runSimilarJob()) as { left: number }).left > 0);
    const ids = await idsOf(papers.map((paper) => paper.title));
    expect([...(await storedLists(ids)).keys()].sort((a, b) => a - b)).toEqual(ids);
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM paper p WHERE NOT EXISTS (SELECT 1 FROM paper_similar s WHERE s.paper_id = p.id)
         AND EXISTS (SELECT 1 FROM paper_similar_compute(p.id, 1))`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
