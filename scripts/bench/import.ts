// npm run bench:import -- [--papers 1000000] [--seed 1] [--small 10] [--rounds 1] [--keep]
// Generates a digest, imports it into an empty catalogue through the real importer (a child
// process, for honest peak RSS), then at once (no manual ANALYZE, before autovacuum runs) imports
// --small 100-paper daily digests into it; then ANALYZEs by hand and imports as many again, so the
// two figures compare in one run. Then loads the bulk file's rows with the plain-SQL yardstick.
// --rounds N (N > 1) repeats both bulk loads N - 1 more times, each into a fresh database, the
// yardstick first in every other round, and prints the median ratio: on a shared machine one pair
// of loads minutes apart can differ by 20% in either direction. Prints figures, asserts nothing.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { writeDigestFile } from "../../lib/bench/generate-digest";
import { dropDatabase, freshDatabase } from "../../lib/bench/bench-databases";
import { loadPlainSql, prepareRows } from "../../lib/bench/plain-sql-load";
import { median, percentile } from "../../lib/bench/stats";
import { openDatabase } from "../../lib/db/database-url";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    papers: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
    small: { type: "string", default: "10" },
    rounds: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});
const papers = Number(values.papers);
if (!Number.isInteger(papers) || papers < 1000) {
  console.error("--papers must be an integer >= 1000");
  process.exit(2);
}
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error("--rounds must be an integer >= 1");
  process.exit(2);
}
const DATE = "2025-04-30";
const work = await mkdtemp(path.join(tmpdir(), "paperpulse-bench-"));
const database = await openDatabase((message) => console.error(message));
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

type ChildReport = {
  result: { counts?: { new: number }; bulk?: boolean; durationMs?: number; papers?: number };
  seconds: number;
  maxRssMb: number;
  bytes: number;
};
/** The importer's own step timings (PAPERPULSE_TRACE_IMPORT=1, lib/ingest/trace.ts), as it printed them. */
type ChildRun = ChildReport & { wallSeconds: number; steps: string[] };
async function child(file: string, env: Record<string, string>, mode?: string): Promise<ChildRun> {
  const started = performance.now();
  const args = ["--import", "tsx", "scripts/bench/import-child.ts", file, ...(mode ? [mode] : [])];
  const { stdout, stderr } = await run(process.execPath, args, {
    env: { ...process.env, PAPERPULSE_TRACE_IMPORT: "1", ...env },
    maxBuffer: 1 << 24,
  });
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as ChildReport;
  const steps = stderr.split("\n").filter((line) => /^\[(import|tags)\]/.test(line));
  return { ...report, wallSeconds: (performance.now() - started) / 1000, steps };
}

/** Imports `files` one after another in this process; each digest's time as the importer measures it. */
async function importDigests(url: string, files: string[]): Promise<number[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const times: number[] = [];
    for (const file of files) {
      const summary = await importDigest(pool, await fileSource(file), {
        today: "2025-07-01",
        importedBy: "cli:bench",
      });
      if (summary.counts.new === 0) throw new Error(`${file}: no new papers (${summary.status}, ${summary.error})`);
      times.push(summary.durationMs);
    }
    return times;
  } finally {
    await pool.end();
  }
}

/** Whether the planner has column statistics for paper, and from whom (the importer's ANALYZE or autovacuum's). */
async function paperStatistics(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ columns: number; analyzed: Date | null; autoanalyzed: Date | null }>(`
      SELECT (SELECT count(*)::int FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'paper') AS columns,
             last_analyze AS analyzed, last_autoanalyze AS autoanalyzed
      FROM pg_stat_user_tables WHERE relname = 'paper'`);
    const row = rows[0]!;
    if (row.columns === 0) return "none";
    const by = [row.analyzed ? "ANALYZE" : "", row.autoanalyzed ? "autovacuum" : ""].filter(Boolean).join(", ");
    return `${row.columns} columns, by ${by}`;
  } finally {
    await client.end();
  }
}

async function timedAnalyze(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  await client.query("ANALYZE").finally(() => client.end());
  return (performance.now() - started) / 1000;
}

const digestFigures = (times: number[]) =>
  `median ${fmt(median(times))} ms, p95 ${fmt(percentile(times, 95))} ms, max ${fmt(Math.max(...times))} ms (${times.length} digests)`;

try {
  console.log(`# bench:import — ${fmt(papers)} papers, ${database.kind} PostgreSQL, ${cpus().length} cores\n`);
  const file = path.join(work, `digest-${papers}.txt`);
  const t = performance.now();
  const generated = await writeDigestFile(file, { papers, seed: Number(values.seed), dateLine: "Apr 30, 2025" });
  console.log(
    `generated ${fmt(generated.papers)} papers (${fmt(generated.uniquePapers)} unique), ${fmt(generated.bytes / 1_048_576, 1)} MB in ${fmt((performance.now() - t) / 1000, 1)} s`,
  );
  // The daily digests, written before any clock starts: one set before the manual ANALYZE, one after.
  const small = Number(values.small);
  const dailies: string[] = [];
  for (let i = 0; i < 2 * small; i++) {
    const daily = path.join(work, `small-${i}.txt`);
    const day = new Date(Date.UTC(2025, 4, 1 + i));
    const dateLine = day.toLocaleDateString("en-US", {
      month: "short",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
    await writeDigestFile(daily, { papers: 100, seed: 1000 + i, repeatEvery: 0, dateLine });
    dailies.push(daily);
  }

  // 1. The parser alone on the whole file: throughput and flat memory.
  const parsed = await child(file, {}, "--parse-only");
  console.log(
    `parse only:      ${fmt(parsed.bytes / 1_048_576 / parsed.seconds, 0)} MB/s, peak RSS ${fmt(parsed.maxRssMb)} MB`,
  );

  // 2. The importer into an empty catalogue.
  const oursUrl = await freshDatabase(database.url, "pp_bench_import");
  const ours = await child(file, { DATABASE_URL: oursUrl });
  const oursRate = (ours.result.counts?.new ?? 0) / ours.wallSeconds;
  console.log(
    `importer:        ${fmt(ours.wallSeconds, 1)} s wall, ${fmt(oursRate)} papers/s end to end (indexes included), ` +
      `peak RSS ${fmt(ours.maxRssMb)} MB, bulk path: ${ours.result.bulk}`,
  );
  // The importer's steps (its own trace), the slow ones: where its time goes, against the plain-SQL steps below.
  for (const line of ours.steps) {
    const ms = Number(/\]\s+(\d+) ms/.exec(line)?.[1] ?? 0);
    if (ms >= 100) console.log(`  ${line}`);
  }

  // 3. Daily digests at once after the bulk load, with whatever statistics the import itself left.
  const catalogue = fmt(ours.result.counts?.new ?? 0);
  const statistics = await paperStatistics(oursUrl);
  const afterLoad = await importDigests(oursUrl, dailies.slice(0, small));
  console.log(
    `100-paper digests into ${catalogue} papers, right after the bulk load (paper statistics: ${statistics}):`,
  );
  console.log(`                 ${digestFigures(afterLoad)}`);
  // 4. The same step after a manual ANALYZE of the whole database.
  const analyzeSeconds = await timedAnalyze(oursUrl);
  const afterAnalyze = await importDigests(oursUrl, dailies.slice(small));
  console.log(`...and after a manual ANALYZE (${fmt(analyzeSeconds, 1)} s):`);
  console.log(`                 ${digestFigures(afterAnalyze)}`);
  console.log(
    `                 right after the load / after ANALYZE = ${fmt(median(afterLoad) / median(afterAnalyze), 2)}x (medians)`,
  );

  // 5. The plain-SQL yardstick, same rows, same tables and indexes, same server, same run.
  const rows = await prepareRows(await fileSource(file), work, DATE);
  const plainLoad = async () => {
    const plainUrl = await freshDatabase(database.url, "pp_bench_plain");
    const plain = await loadPlainSql(plainUrl, rows, DATE);
    await dropDatabase(database.url, "pp_bench_plain");
    return plain;
  };
  const plain = await plainLoad();
  console.log(
    `plain SQL:       ${fmt(plain.seconds, 1)} s, ${fmt(rows.papers / plain.seconds)} papers/s (2 parallel COPYs, indexes rebuilt after)`,
  );
  for (const { step, ms } of plain.steps) console.log(`  ${fmt(ms).padStart(7)} ms  ${step}`);
  console.log(`ratio:           importer / plain SQL = ${fmt(ours.wallSeconds / plain.seconds, 2)}x`);
  if (!values.keep) await dropDatabase(database.url, "pp_bench_import");

  // 6. More rounds of both loads, alternating which goes first, for a median ratio.
  if (rounds > 1) {
    const pairs = [{ importer: ours.wallSeconds, plain: plain.seconds }];
    for (let round = 2; round <= rounds; round++) {
      const importerLoad = async () => {
        const url = await freshDatabase(database.url, "pp_bench_import_round");
        const load = await child(file, { DATABASE_URL: url });
        await dropDatabase(database.url, "pp_bench_import_round");
        return load.wallSeconds;
      };
      const pair =
        round % 2 === 0
          ? { plain: (await plainLoad()).seconds, importer: await importerLoad() }
          : { importer: await importerLoad(), plain: (await plainLoad()).seconds };
      pairs.push(pair);
      console.log(
        `round ${round}:         importer ${fmt(pair.importer, 1)} s, plain SQL ${fmt(pair.plain, 1)} s` +
          `${round % 2 === 0 ? " (plain SQL first)" : ""}, ratio ${fmt(pair.importer / pair.plain, 2)}x`,
      );
    }
    const ratios = pairs.map((pair) => pair.importer / pair.plain);
    console.log(
      `ratio, median of ${rounds} rounds: ${fmt(median(ratios), 2)}x (rounds: ${ratios.map((r) => fmt(r, 2)).join(", ")}; ` +
        `importer median ${fmt(median(pairs.map((pair) => pair.importer)), 1)} s, plain SQL median ${fmt(median(pairs.map((pair) => pair.plain)), 1)} s)`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
  await database.release();
}
