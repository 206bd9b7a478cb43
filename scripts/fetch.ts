// npm run fetch -- [--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--dry-run] [--json]: Hugging Face's daily papers, imported like files.
import pg from "pg";
import { envOrExit } from "../lib/cli/env-or-exit";
import { FETCH_USAGE, parseFetchArgs } from "../lib/cli/fetch-args";
import { countBar } from "../lib/cli/progress";
import { openDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { createHfClient } from "../lib/fetch/client";
import { dryRunDay } from "../lib/fetch/dry-run";
import { formatDayLine } from "../lib/fetch/format";
import { fetchDays, recentDays } from "../lib/fetch/run";
import { fetchContext, userAgent } from "../lib/fetch/settings";

const parsed = parseFetchArgs(process.argv.slice(2));
if (!parsed.ok) {
  if (parsed.message) console.error(`fetch: ${parsed.message}\n`);
  console.error(FETCH_USAGE);
  process.exit(parsed.message ? 2 : 0);
}
const { args } = parsed;
const settings = envOrExit(2);
// Hugging Face's days are UTC days.
const today = new Date().toISOString().slice(0, 10);
const days = args.days ?? recentDays(today, settings.HF_FETCH_LOOKBACK_DAYS);
const out = (text: string) => process.stdout.write(text);
const bar = countBar("fetch", days.length, "days");
let failed = 0;

if (args.dryRun) {
  const client = createHfClient({ userAgent: userAgent(), token: settings.HF_TOKEN });
  for (const [index, day] of days.entries()) {
    const result = await dryRunDay(client, settings.HF_API_URL, day, today, out, args.json);
    if (result.error) failed += 1;
    bar.clear();
    if (!args.json) {
      console.log(
        result.error
          ? `✗ ${day}: would fail: ${result.error}`
          : `✓ ${day}: ${result.papers} papers, ${result.problems} problems (dry run, nothing written)`,
      );
    }
    bar.update(index + 1);
  }
} else {
  const database = await openDatabase((message) => console.error(message));
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  try {
    await migrate(database.url);
    const run = await fetchDays(fetchContext(settings, pool, today), days, (outcome, index) => {
      if (outcome.result === "FAILED") failed += 1;
      bar.clear();
      if (args.json) out(`${JSON.stringify(outcome)}\n`);
      else console.log(formatDayLine(outcome));
      bar.update(index + 1);
    });
    if (run.busy) {
      console.error("fetch: another fetch is running (the worker or the admin page); try again when it is done");
      failed = 1;
    }
  } finally {
    await pool.end();
    await database.release();
  }
}
bar.finish();
process.exitCode = failed > 0 ? 1 : 0;
