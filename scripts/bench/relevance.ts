// npm run bench:relevance -- [--verbose]
// Builds the database pp_bench_relevance from the sample digest with the real importer, then runs the
// relevance set (lib/bench/relevance-set.ts) in a child process pointed at it (lib/bench/relevance-run.ts):
// searchPapers beside today's all-words baseline, MRR@10 and recall@10 per kind. Asserts nothing.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { freshDatabase } from "../../lib/bench/bench-databases";
import { openDatabase } from "../../lib/db/database-url";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";

const NAME = "pp_bench_relevance";
const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false } } });
const sample = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));

const database = await openDatabase((message) => console.error(message));
try {
  const url = await freshDatabase(database.url, NAME);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    await importDigest(pool, await fileSource(sample), { today: "2025-05-01", importedBy: "cli:bench" });
    // The word statistics search weighs words with, as autovacuum would leave them.
    await pool.query("ANALYZE paper");
  } finally {
    await pool.end();
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        "lib/bench/relevance-run.ts",
        ...(values.verbose ? ["--verbose"] : []),
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
