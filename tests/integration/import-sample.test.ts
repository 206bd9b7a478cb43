// The seed sample digest through importDigest into a real database.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts, importRun } from "./helpers/catalogue";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const options = { today: "2025-05-01", importedBy: "cli:test" };

describe("importing the sample digest into an empty catalogue", () => {
  const db = setUpTestDatabase();

  it("stores its 94 papers, 51 links and one digest of 94 entries in file order, and records the run", async () => {
    const summary = await importDigest(db.pool, await fileSource(samplePath), options);

    const sha256 = createHash("sha256").update(readFileSync(samplePath)).digest("hex");
    expect(summary).toMatchObject({
      status: "IMPORTED",
      digestDate: "2025-04-30",
      counts: { new: 94, updated: 0, unchanged: 0, skipped: 0 },
      entriesAdded: 94,
      sha256,
      size: statSync(samplePath).size,
      error: null,
      problems: [],
    });
    expect(await catalogueCounts(db.pool)).toEqual({
      paper: 94,
      paper_link: 51,
      digest: 1,
      digest_entry: 94,
      import_run: 1,
    });

    const { rows: entries } = await db.pool.query<{ position: number; title: string; date: string }>(
      `SELECT e.position, p.title, to_char(d.date, 'YYYY-MM-DD') AS date
       FROM digest_entry e JOIN paper p ON p.id = e.paper_id JOIN digest d ON d.id = e.digest_id ORDER BY e.position`,
    );
    expect(entries.map((e) => e.position)).toEqual(Array.from({ length: 94 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.date))).toEqual(new Set(["2025-04-30"]));
    expect(entries[0]!.title).toBe("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    expect(entries[1]!.title).toBe("InfMLLM: A Unified Framework for Visual-Language Tasks");
    expect(entries[2]!.title).toBe("ILLUME: Illuminating Your LLMs to See, Draw, and Self-Enhance");
    expect(entries[93]!.title).toBe(
      "Compression with Global Guidance: Towards Training-free High-Resolution MLLMs Acceleration",
    );
    // File order: the titles appear in the file in the same order as the positions.
    const text = readFileSync(samplePath, "utf8");
    const offsets = entries.map((e) => text.indexOf(`\n${e.title}\n`));
    expect(offsets.every((offset) => offset >= 0)).toBe(true);
    expect([...offsets].sort((a, b) => a - b)).toEqual(offsets);

    const {
      rows: [first],
    } = await db.pool.query(
      `SELECT p.first_seen::text, array_agg(l.url ORDER BY l.position) AS urls, array_agg(l.kind::text ORDER BY l.position) AS kinds
       FROM paper p JOIN paper_link l ON l.paper_id = p.id WHERE p.title LIKE 'Uni-MoE:%' GROUP BY p.id`,
    );
    expect(first).toEqual({
      first_seen: "2025-04-30",
      urls: ["https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs"],
      kinds: ["CODE"],
    });

    expect(await importRun(db.pool, summary.importRunId)).toMatchObject({
      file_name: "sample-digest-2025-04-30.txt",
      file_size: statSync(samplePath).size,
      sha256,
      imported_by: "cli:test",
      status: "IMPORTED",
      digest_date: "2025-04-30",
      new_count: 94,
      updated_count: 0,
      unchanged_count: 0,
      skipped_count: 0,
      problems: [],
      error: null,
      finished_at: expect.any(Date),
    });
  });

  it("makes every paper findable by full-text search", async () => {
    const {
      rows: [missing],
    } = await db.pool.query(`SELECT count(*)::int AS n FROM paper WHERE search_vector IS NULL`);
    expect(missing!.n).toBe(0);
    const { rows } = await db.pool.query<{ title: string }>(
      `SELECT title FROM paper WHERE search_vector @@ websearch_to_tsquery('english', 'video benchmark')`,
    );
    expect(rows.map((r) => r.title)).toContain(
      "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis",
    );
  });
});

describe("re-importing the sample digest", () => {
  const db = setUpTestDatabase();

  it("re-importing the same file changes nothing and says so", async () => {
    await importDigest(db.pool, await fileSource(samplePath), options);
    const before = await catalogueCounts(db.pool);
    const { rows: papersBefore } = await db.pool.query(`SELECT id, title, abstract, updated_at FROM paper ORDER BY id`);

    const again = await importDigest(db.pool, await fileSource(samplePath), options);

    expect(again).toMatchObject({
      status: "UNCHANGED",
      digestDate: "2025-04-30",
      counts: { new: 0, updated: 0, unchanged: 94, skipped: 0 },
      entriesAdded: 0,
    });
    expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
    const { rows: papersAfter } = await db.pool.query(`SELECT id, title, abstract, updated_at FROM paper ORDER BY id`);
    expect(papersAfter).toEqual(papersBefore);
    expect(await importRun(db.pool, again.importRunId)).toMatchObject({
      status: "UNCHANGED",
      new_count: 0,
      updated_count: 0,
      unchanged_count: 94,
    });
  });
});
