// Benchmark child: imports one file through the same code path as `npm run import`, or only
// parses it (--parse-only), and prints one JSON line with its own peak RSS.
import pg from "pg";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { parseDigest } from "../../lib/ingest/parse";

const [file, mode] = process.argv.slice(2);
const source = await fileSource(file!);
const started = performance.now();
let result: unknown;
if (mode === "--parse-only") {
  let papers = 0;
  for await (const event of parseDigest(source.open(), { today: "2025-05-01", date: "2025-04-30" })) {
    if (event.type === "paper") papers += 1;
  }
  result = { papers };
} else {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  result = await importDigest(pool, source, { today: "2025-05-01", importedBy: "cli:bench", date: mode });
  await pool.end();
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ result, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: source.size }));
