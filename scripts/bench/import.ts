// npm run bench:import -- [--papers 1000000] [--seed 1] [--keep]
// Generates a digest, imports it into an empty catalogue through the real importer (a child
// process, for honest peak RSS), loads the same rows with the plain-SQL yardstick in the same
// run, then times 100-paper digests into the full catalogue. Prints figures, asserts nothing.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { writeDigestFile } from "../../lib/bench/generate-digest";
import { dropDatabase, freshDatabase } from "../../lib/bench/bench-databases";
import { loadPlainSql, prepareRows } from "../../lib/bench/plain-sql-load";
import { median } from "../../lib/bench/stats";
import { openDatabase } from "../../lib/db/database-url";
import { fileSource } from "../../lib/ingest/file-source";

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    papers: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
    small: { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
  },
});
const papers = Number(values.papers);
if (!Number.isInteger(papers) || papers < 1000) {
  console.error("--papers must be an integer >= 1000");
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
async function child(
  file: string,
  env: Record<string, string>,
  mode?: string,
): Promise<ChildReport & { wallSeconds: number }> {
  const started = performance.now();
  const args = ["--import", "tsx", "scripts/bench/import-child.ts", file, ...(mode ? [mode] : [])];
  const { stdout } = await run(process.execPath, args, { env: { ...process.env, ...env }, maxBuffer: 1 << 24 });
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as ChildReport;
  return { ...report, wallSeconds: (performance.now() - started) / 1000 };
}

try {
  console.log(`# bench:import — ${fmt(papers)} papers, ${database.kind} PostgreSQL, ${cpus().length} cores\n`);
  const file = path.join(work, `digest-${papers}.txt`);
  const t = performance.now();
  const generated = await writeDigestFile(file, { papers, seed: Number(values.seed), dateLine: "Apr 30, 2025" });
  console.log(
    `generated ${fmt(generated.papers)} papers (${fmt(generated.uniquePapers)} unique), ${fmt(generated.bytes / 1_048_576, 1)} MB in ${fmt((performance.now() - t) / 1000, 1)} s`,
  );

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

  // 3. The plain-SQL yardstick, same rows, same tables and indexes, same server, same run.
  const plainUrl = await freshDatabase(database.url, "pp_bench_plain");
  const rows = await prepareRows(await fileSource(file), work, DATE);
  const plainSeconds = await loadPlainSql(plainUrl, rows, DATE);
  console.log(
    `plain SQL:       ${fmt(plainSeconds, 1)} s, ${fmt(rows.papers / plainSeconds)} papers/s (2 parallel COPYs, indexes rebuilt after)`,
  );
  console.log(`ratio:           importer / plain SQL = ${fmt(ours.wallSeconds / plainSeconds, 2)}x`);
  await dropDatabase(database.url, "pp_bench_plain");

  // 4. Small daily digests into the full catalogue.
  const smallRuns: number[] = [];
  const smallWall: number[] = [];
  for (let i = 0; i < Number(values.small); i++) {
    const small = path.join(work, `small-${i}.txt`);
    await writeDigestFile(small, { papers: 100, seed: 1000 + i, repeatEvery: 0, dateLine: `May ${i + 1}, 2025` });
    const report = await child(small, { DATABASE_URL: oursUrl });
    smallRuns.push(report.result.durationMs! / 1000);
    smallWall.push(report.wallSeconds);
  }
  console.log(
    `100-paper digest into ${fmt(ours.result.counts?.new ?? 0)}: median ${fmt(median(smallRuns) * 1000)} ms in the importer ` +
      `(${fmt(median(smallWall), 2)} s wall including process start), ${smallRuns.length} runs`,
  );
  if (!values.keep) await dropDatabase(database.url, "pp_bench_import");
} finally {
  await rm(work, { recursive: true, force: true });
  await database.release();
}
