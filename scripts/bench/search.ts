// npm run bench:search -- [--papers 100000] [--reuse] [--rounds 3] [--seed 1] [--naive-sample 120]
// Builds (or with --reuse, reuses) the catalogue database pp_bench_search with the real importer,
// then runs the search workload (lib/bench/search-workload.ts) in a child process pointed at it:
// searchPapers against the naive ranked query, same queries, same run. Prints figures, asserts nothing.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freshDatabase } from "../../lib/bench/bench-databases";
import { writeDigestFile } from "../../lib/bench/generate-digest";
import { openDatabase } from "../../lib/db/database-url";
import { withDatabase } from "../../lib/db/with-database";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";

const NAME = "pp_bench_search";
const { values } = parseArgs({
  options: {
    papers: { type: "string", default: "100000" },
    reuse: { type: "boolean", default: false },
    rounds: { type: "string", default: "3" },
    seed: { type: "string", default: "1" },
    "naive-sample": { type: "string", default: "120" },
  },
});
const papers = Number(values.papers);
if (!Number.isInteger(papers) || papers < 1000) {
  console.error("--papers must be an integer >= 1000, e.g. --papers 100000");
  process.exit(2);
}
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The catalogue size when pp_bench_search exists and is migrated, else null. */
async function existingCatalogue(serverUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, NAME) });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM paper");
    return rows[0]!.n;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

async function build(serverUrl: string): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), "paperpulse-bench-search-"));
  try {
    const url = await freshDatabase(serverUrl, NAME);
    const file = path.join(work, "digest.txt");
    let started = performance.now();
    // Every 50th paper repeats a title: ask for enough papers that the catalogue reaches the size asked for.
    const generated = await writeDigestFile(file, {
      papers: Math.ceil(papers / 0.98),
      seed: Number(values.seed),
      dateLine: "Apr 30, 2025",
    });
    console.log(
      `generated ${fmt(generated.uniquePapers)} unique papers in ${fmt((performance.now() - started) / 1000, 1)} s`,
    );
    started = performance.now();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const summary = await importDigest(pool, await fileSource(file), {
        today: "2025-05-01",
        importedBy: "cli:bench",
      });
      console.log(
        `imported ${fmt(summary.counts.new)} papers in ${fmt((performance.now() - started) / 1000, 1)} s (bulk path: ${summary.bulk})`,
      );
      await pool.query("VACUUM ANALYZE paper");
      await pool.query("VACUUM ANALYZE paper_link");
    } finally {
      await pool.end();
    }
    return url;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const database = await openDatabase((message) => console.error(message));
try {
  console.log(`# bench:search — ${database.kind} PostgreSQL, ${(await import("node:os")).cpus().length} cores\n`);
  const existing = values.reuse ? await existingCatalogue(database.url) : null;
  let url: string;
  if (existing !== null && Math.abs(existing - papers) <= papers * 0.05) {
    url = withDatabase(database.url, NAME);
    console.log(`reusing ${NAME} with ${fmt(existing)} papers`);
  } else {
    if (values.reuse)
      console.log(
        `${NAME} ${existing === null ? "does not exist" : `has ${fmt(existing)} papers`}; building ${fmt(papers)}`,
      );
    url = await build(database.url);
  }
  // A child process so the app's modules (env, Prisma client) see this database as DATABASE_URL,
  // with the react-server condition that makes `server-only` importable outside Next.
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "lib/bench/search-workload.ts",
        "--rounds",
        values.rounds!,
        "--naive-sample",
        values["naive-sample"]!,
      ],
      { env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" },
    );
    child.on("error", reject);
    child.on("close", resolve);
  });
  process.exitCode = code ?? 1;
} finally {
  await database.release();
}
