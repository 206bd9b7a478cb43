// A killed import leaves nothing behind: the whole import is one transaction.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { compileTopics, topicSlugsFor } from "../../lib/tags/topic-matcher";
import { TOPICS as TOPIC_TAXONOMY } from "../../lib/tags/topic-taxonomy";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts } from "./helpers/catalogue";
import { projectRoot, spawnImport } from "./helpers/run-cli";

const db = setUpTestDatabase();
const PAPERS = 60_000;
const TOPICS = ["retrieval", "diffusion", "robotics", "speech", "graphs", "compilers", "proteins", "agents"];
const sample = path.join(projectRoot, "prisma", "seed", "sample-digest-2025-04-30.txt");
let dir = "";
let bigFile = "";

/** About 1 KB per paper: a unique title and a six-line abstract ending with a period. */
async function writeLargeDigest(file: string, papers: number): Promise<void> {
  const out = createWriteStream(file);
  out.write("Sep 15, 2025\n\n");
  let chunk = "";
  for (let n = 1; n <= papers; n++) {
    const topic = TOPICS[n % TOPICS.length]!;
    const line = `We revisit ${topic} for case ${n} and measure how the method behaves under many settings and sizes`;
    chunk += `Paper number ${n} about ${topic}\n\n${line},\n${line},\n${line},\n${line},\n${line},\n${line}.\n\n`;
    if (n % 1000 === 0 || n === papers) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end();
  await once(out, "finish");
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The importer's backend, once the condition on pg_stat_activity holds for it. */
async function importerBackend(where: string): Promise<number | null> {
  const { rows } = await db.pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${where}`,
  );
  return rows[0]?.pid ?? null;
}

async function waitUntilGone(pid: number): Promise<void> {
  await waitFor(
    `backend ${pid} to end`,
    async () =>
      (await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid])).rowCount === 0 ? true : null,
    60_000,
    50,
  );
}

const FOREIGN_KEYS = [
  "digest_entry_digest_id_fkey",
  "digest_entry_import_run_id_fkey",
  "digest_entry_paper_id_fkey",
  "paper_link_paper_id_fkey",
  "paper_similar_pending_paper_id_fkey",
  "paper_tag_paper_id_fkey",
  "paper_tag_tag_id_fkey",
];

async function leftovers() {
  const {
    rows: [row],
  } = await db.pool.query(`
    SELECT (SELECT count(*) FROM pg_class WHERE relname LIKE 'import_stage_%')::int AS stage_tables,
           (SELECT array_agg(indexname::text ORDER BY indexname) FROM pg_indexes
             WHERE indexname IN ('paper_search_vector_idx', 'paper_title_trgm_idx',
                                 'digest_entry_paper_id_idx', 'digest_entry_digest_id_position_idx')) AS bulk_indexes,
           (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
             -- Only this database's: other test files import in parallel and hold their own.
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))::int AS advisory_locks,
           -- The bulk path drops these while it loads (lib/db/bulk-keys.ts) and adds them back.
           (SELECT array_agg(conname::text ORDER BY conname) FROM pg_constraint WHERE contype = 'f'
             AND conrelid IN ('paper_link'::regclass, 'digest_entry'::regclass, 'paper_similar_pending'::regclass,
                              'paper_tag'::regclass)) AS foreign_keys,
           -- So does paper_tag's primary key, while it inserts a bulk load's topic tags.
           (SELECT pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = 'paper_tag'::regclass AND contype = 'p') AS paper_tag_primary_key`);
  return row;
}

async function killMidway(where: string, description: string): Promise<void> {
  const child = spawnImport(["--date", "2025-09-15", bigFile], db.url);
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = once(child, "exit");
  const pid = await Promise.race([
    waitFor(description, () => importerBackend(where), 90_000),
    exited.then(([code]) => {
      throw new Error(`the import finished (exit ${code}) before it could be killed: ${stderr}`);
    }),
  ]);
  child.kill("SIGKILL");
  const [, signal] = await exited;
  expect(signal).toBe("SIGKILL");
  await waitUntilGone(pid);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "import-crash-"));
  bigFile = path.join(dir, "large-digest.txt");
  await writeLargeDigest(bigFile, PAPERS);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("an import killed with SIGKILL", () => {
  it("killed while copying papers into staging, it leaves the catalogue empty and the next import works", async () => {
    // Well into the COPY: thousands of rows already sent.
    await killMidway(
      `pid IN (SELECT pid FROM pg_stat_progress_copy WHERE tuples_processed > 5000)`,
      "the COPY into staging to pass 5000 rows",
    );

    expect(await catalogueCounts(db.pool)).toEqual({
      paper: 0,
      paper_link: 0,
      digest: 0,
      digest_entry: 0,
      import_run: 0,
    });
    expect(await leftovers()).toEqual({
      stage_tables: 0,
      bulk_indexes: [
        "digest_entry_digest_id_position_idx",
        "digest_entry_paper_id_idx",
        "paper_search_vector_idx",
        "paper_title_trgm_idx",
      ],
      advisory_locks: 0,
      foreign_keys: FOREIGN_KEYS,
      paper_tag_primary_key: "PRIMARY KEY (paper_id, tag_id)",
    });

    const summary = await importDigest(db.pool, await fileSource(sample), {
      today: "2025-05-01",
      importedBy: "cli:test",
    });
    expect(summary).toMatchObject({ status: "IMPORTED", counts: { new: 94 } });
    expect(await catalogueCounts(db.pool)).toMatchObject({ paper: 94, digest: 1, digest_entry: 94, import_run: 1 });
  }, 120_000);

  it("killed while merging staged papers into the catalogue, it leaves the catalogue as it was", async () => {
    const before = await catalogueCounts(db.pool);

    // A load this large takes the bulk path: by the time the search vectors are computed in parallel,
    // the search indexes have been dropped (inside the transaction) and papers are about to be inserted.
    await killMidway(
      `query ILIKE '%CREATE UNLOGGED TABLE import_stage_%_new WITH%'`,
      "the bulk merge to compute search vectors",
    );

    expect(await catalogueCounts(db.pool)).toEqual(before);
    expect(await leftovers()).toEqual({
      stage_tables: 0,
      bulk_indexes: [
        "digest_entry_digest_id_position_idx",
        "digest_entry_paper_id_idx",
        "paper_search_vector_idx",
        "paper_title_trgm_idx",
      ],
      advisory_locks: 0,
      foreign_keys: FOREIGN_KEYS,
      paper_tag_primary_key: "PRIMARY KEY (paper_id, tag_id)",
    });
  }, 120_000);

  it("left alone, the same large digest imports in full through the bulk path", async () => {
    const before = await catalogueCounts(db.pool);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawnImport(["--json", "--date", "2025-09-15", bigFile], db.url);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: "IMPORTED",
      bulk: true,
      counts: { new: PAPERS, skipped: 0 },
    });
    // Imports queue their papers for the worker's similar lists (the earlier small import's papers too).
    const {
      rows: [queued],
    } = await db.pool.query(`SELECT count(*)::int AS n FROM paper_similar_pending`);
    expect(queued.n).toBe(before.paper + PAPERS);
    expect(await catalogueCounts(db.pool)).toMatchObject({
      paper: before.paper + PAPERS,
      digest: before.digest + 1,
      digest_entry: before.digest_entry + PAPERS,
    });
    expect(await leftovers()).toEqual({
      stage_tables: 0,
      bulk_indexes: [
        "digest_entry_digest_id_position_idx",
        "digest_entry_paper_id_idx",
        "paper_search_vector_idx",
        "paper_title_trgm_idx",
      ],
      advisory_locks: 0,
      foreign_keys: FOREIGN_KEYS,
      paper_tag_primary_key: "PRIMARY KEY (paper_id, tag_id)",
    });
    const {
      rows: [row],
    } = await db.pool.query(`
      SELECT (SELECT count(*) FROM paper WHERE search_vector IS NULL)::int AS without_vector,
             (SELECT title FROM paper WHERE search_vector @@ websearch_to_tsquery('english', '"case 4242"')) AS found`);
    expect(row).toEqual({ without_vector: 0, found: `Paper number 4242 about ${TOPICS[4242 % TOPICS.length]}` });
    // The bulk path counts the vocabulary itself, with its triggers off for one statement: the same
    // counts as the trigger keeps, and the triggers on again for the next writer.
    const {
      rows: [vocabulary],
    } = await db.pool.query(`
      SELECT count(*)::int AS differing FROM search_word s
      FULL JOIN (SELECT w, count(*)::int AS papers FROM paper, search_words_of(title) AS w GROUP BY w) c ON c.w = s.word
      WHERE s.papers IS DISTINCT FROM c.papers`);
    expect(vocabulary.differing).toBe(0);
    // Topic tags this many go in with paper_tag's second index dropped and its keys off: the index is back,
    // and every topic's count is exact.
    const {
      rows: [tags],
    } = await db.pool.query(`
      SELECT (SELECT count(*) FROM paper_tag WHERE automatic)::int AS automatic,
             (SELECT count(*) FROM tag t
               WHERE t.paper_count <> (SELECT count(*) FROM paper_tag pt WHERE pt.tag_id = t.id))::int AS miscounted,
             (SELECT count(*) FROM pg_indexes WHERE indexname = 'paper_tag_tag_id_paper_id_idx')::int AS tag_index`);
    // 20,000 automatic tags or more take that path (lib/tags/apply-topics.ts, BULK_ROWS).
    expect(tags.automatic).toBeGreaterThanOrEqual(20_000);
    expect(tags).toMatchObject({ miscounted: 0, tag_index: 1 });
    // And each paper carries what the matcher finds in its text (paper_tag's primary key is back too, above).
    const { rows: sample } = await db.pool.query<{ title: string; abstract: string; slugs: string[] }>(`
      SELECT p.title, p.abstract, coalesce(array_agg(t.slug ORDER BY t.slug) FILTER (WHERE t.slug IS NOT NULL), '{}') AS slugs
      FROM paper p LEFT JOIN paper_tag pt ON pt.paper_id = p.id AND pt.automatic LEFT JOIN tag t ON t.id = pt.tag_id
      WHERE p.title LIKE 'Paper number 424_ about %' GROUP BY p.id ORDER BY p.id`);
    const matcher = compileTopics(TOPIC_TAXONOMY);
    expect(sample).toHaveLength(10);
    for (const paper of sample) expect(paper.slugs).toEqual(topicSlugsFor(matcher, paper.title, paper.abstract).sort());
    const { rows: triggers } = await db.pool.query(
      `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'paper'::regclass AND tgname LIKE 'paper_search%' ORDER BY 1`,
    );
    expect(triggers).toEqual([
      { tgname: "paper_search_vector_sync", tgenabled: "O" },
      { tgname: "paper_search_words", tgenabled: "O" },
    ]);
  }, 120_000);
});
