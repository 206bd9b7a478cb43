// npm run digest -- send [--frequency daily|weekly] [--dry-run] [--to EMAIL] [--now ISO] [--top N]
import pg from "pg";
import { openDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { DIGEST_USAGE, parseDigestArgs } from "../lib/cli/digest-args";
import { runDigest } from "../lib/digest/run";

async function main(argv: string[]): Promise<number> {
  const parsed = parseDigestArgs(argv);
  if (!parsed.ok) {
    if (parsed.message) console.error(`digest: ${parsed.message}\n`);
    console.error(DIGEST_USAGE);
    return parsed.message ? 2 : 0;
  }
  const { args } = parsed;
  const database = await openDatabase((message) => console.error(message));
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  try {
    await migrate(database.url);
    const summary = await runDigest(pool, {
      frequency: args.frequency,
      now: args.now,
      dryRun: args.dryRun,
      to: args.to,
      topN: args.top,
      log: (line) => console.log(line),
      onBatch: (batch) => {
        if (process.stderr.isTTY)
          process.stderr.write(`\rbatch ${batch.batch}: ${batch.sent} sent, ${batch.failed} failed`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    if (!summary.period) {
      console.log("Nothing to send: the catalogue has no digest yet (npm run import -- FILE).");
      return 0;
    }
    if (summary.error) {
      console.error(`digest: ${summary.error}`);
      return 1;
    }
    if (args.to) return 0;
    if (args.dryRun) {
      console.log(
        `${summary.period}: would send ${summary.planned} digests; ${summary.nothingNew} due subscribers have nothing new (dry run, nothing written)`,
      );
      return 0;
    }
    if (summary.planned === 0 && summary.sent === 0 && summary.pending === 0 && summary.failed === 0) {
      console.log(
        `${summary.period}: nothing to send (${summary.nothingNew} due subscribers have nothing new; everyone else already has this period's digest).`,
      );
      return 0;
    }
    console.log(
      `${summary.period}: planned ${summary.planned}, sent ${summary.sent}, failed ${summary.failed}, skipped ${summary.skipped} (unsubscribed since planning), ` +
        `nothing new for ${summary.nothingNew}, still pending ${summary.pending}.`,
    );
    if (summary.pending > 0)
      console.log(
        "Some digests are still pending (the provider failed or another sender holds them): run the command again.",
      );
    return summary.failed > 0 || summary.pending > 0 ? 1 : 0;
  } finally {
    await pool.end();
    await database.release();
  }
}

process.exitCode = await main(process.argv.slice(2));
