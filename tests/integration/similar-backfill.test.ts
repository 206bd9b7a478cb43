// The similar lists imports queue are filled in by the worker's backfill, batch by batch, each paper once.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { backfillSimilar } from "../../lib/papers/similar-backfill";
import { setUpTestDatabase } from "../support/database";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();
let expected: Map<number, number[]>;

async function lists(): Promise<Map<number, number[]>> {
  const { rows } = await testDb.pool.query<{ paper_id: number; ids: number[] }>(
    `SELECT paper_id, array_agg(similar_id ORDER BY score DESC, similar_id) AS ids FROM paper_similar GROUP BY paper_id`,
  );
  return new Map(rows.map((row) => [row.paper_id, row.ids]));
}

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  // The lists of one batch of every paper at once.
  expect(await backfillSimilar(testDb.pool)).toEqual({ computed: 94, left: 0 });
  expected = await lists();
  // What an import leaves behind: no lists, every paper queued.
  await testDb.pool.query(`DELETE FROM paper_similar`);
  await testDb.pool.query(`INSERT INTO paper_similar_pending (paper_id) SELECT id FROM paper`);
});

describe("similar-list backfill", () => {
  it("works through the queue newest paper first, a batch per run, until every paper has its list", async () => {
    const { rows } = await testDb.pool.query<{ id: number }>(`SELECT id FROM paper ORDER BY id DESC LIMIT 40`);
    expect(await backfillSimilar(testDb.pool, 40)).toEqual({ computed: 40, left: 54 });
    const firstBatch = await lists();
    expect(rows.every((row) => firstBatch.has(row.id) || !expected.has(row.id))).toBe(true);

    // Two workers at once share the rest without computing a paper twice.
    const [a, b] = await Promise.all([backfillSimilar(testDb.pool, 30), backfillSimilar(testDb.pool, 30)]);
    expect(a.computed + b.computed).toBe(54);
    expect(await backfillSimilar(testDb.pool, 30)).toEqual({ computed: 0, left: 0 });

    // The same lists an import computes.
    expect([...(await lists()).keys()].sort()).toEqual([...expected.keys()].sort());
  });
});
