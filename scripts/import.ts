// npm run import -- [--dry-run] [--json] [--date YYYY-MM-DD] [--strict] FILE... (text digests or Hugging Face JSON)
import os from "node:os";
import pg from "pg";
import { IMPORT_USAGE, parseImportArgs } from "../lib/cli/import-args";
import { progressBar } from "../lib/cli/progress";
import { localToday } from "../lib/cli/today";
import { openDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { dryRunDigest } from "../lib/ingest/dry-run";
import { fileSource } from "../lib/ingest/file-source";
import { formatProblems, formatSummary } from "../lib/ingest/format-summary";
import { importDigest, type DigestSource } from "../lib/ingest/import";

const parsed = parseImportArgs(process.argv.slice(2));
if (!parsed.ok) {
  if (parsed.message) console.error(`import: ${parsed.message}\n`);
  console.error(IMPORT_USAGE);
  process.exit(parsed.message ? 2 : 0);
}
const { args } = parsed;
const parseOptions = { today: localToday(), date: args.date, strict: args.strict };
const out = (text: string) => process.stdout.write(text);

const sources: DigestSource[] = [];
for (const file of args.files) {
  try {
    sources.push(await fileSource(file));
  } catch (error) {
    console.error(`import: ${(error as Error).message}`);
    process.exit(2);
  }
}

let rejected = 0;
if (args.dryRun) {
  for (const source of sources) {
    const result = await dryRunDigest(source, parseOptions, out, args.json);
    if (result.error) rejected += 1;
    if (!args.json) {
      console.log(
        result.error
          ? `✗ ${source.name}: would be rejected: ${result.error}`
          : `✓ ${source.name}: ${result.format === "HF_JSON" ? "Hugging Face JSON, " : ""}digest ${result.digestDate}, ${result.papers} papers, ${result.problems.length} problems (dry run, nothing written)`,
      );
      formatProblems(result.problems, 0, result.format).forEach((line) => console.log(line));
    }
  }
} else {
  const database = await openDatabase((message) => console.error(message));
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    await migrate(database.url);
    for (const source of sources) {
      const bar = progressBar(source.name, source.size);
      const summary = await importDigest(pool, source, {
        ...parseOptions,
        importedBy: `cli:${os.userInfo().username}`,
        onProgress: (bytes) => bar.update(bytes),
      });
      bar.finish();
      if (summary.status === "REJECTED") rejected += 1;
      if (args.json) out(`${JSON.stringify(summary)}\n`);
      else console.log(formatSummary(summary));
    }
  } finally {
    await pool.end();
    await database.release();
  }
}
process.exitCode = rejected > 0 ? 1 : 0;
