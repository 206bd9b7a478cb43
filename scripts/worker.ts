// npm run worker: schedules and sends the digests with pg-boss on our PostgreSQL; SIGINT/SIGTERM stop it cleanly (exit 0).
import { openDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { setDatabaseUrl } from "../lib/db/prisma";
import { runDigest } from "../lib/digest/run";
import { envOrExit } from "../lib/cli/env-or-exit";
import { FETCH_JOB_NAME, fetchJob } from "../lib/worker/fetch-job";
import { inboxJob } from "../lib/worker/inbox-job";
import { scheduledJobs } from "../lib/worker/jobs";
import { similarBackfillJob } from "../lib/worker/similar-job";
import { untilStopSignal } from "../lib/worker/signals";
import { startWorker } from "../lib/worker/worker";

const log = (line: string) => console.info(line);

async function main(): Promise<number> {
  const settings = envOrExit(2);
  const stop = untilStopSignal();
  const database = await openDatabase(log);
  // The digest pipeline reads through the app's Prisma client: point it at the same database.
  const prisma = setDatabaseUrl(database.url);
  try {
    await migrate(database.url);
    const jobs = [
      ...scheduledJobs(
        {
          dailyCron: settings.DIGEST_DAILY_CRON,
          weeklyCron: settings.DIGEST_WEEKLY_CRON,
          timeZone: settings.DIGEST_TIMEZONE,
          topN: settings.DIGEST_TOP_N,
        },
        runDigest,
      ),
      inboxJob({ inboxDir: settings.DIGEST_INBOX, timeZone: settings.DIGEST_TIMEZONE }),
      similarBackfillJob({ timeZone: settings.DIGEST_TIMEZONE }),
      ...(settings.HF_FETCH === "on"
        ? [
            fetchJob({
              cron: settings.HF_FETCH_CRON,
              timeZone: settings.DIGEST_TIMEZONE,
              apiUrl: settings.HF_API_URL,
              token: settings.HF_TOKEN,
              lookbackDays: settings.HF_FETCH_LOOKBACK_DAYS,
              log,
            }),
          ]
        : []),
    ];
    const worker = await startWorker({ databaseUrl: database.url, jobs, log });
    // pg-boss keeps schedules in the database: turning the fetch off must also drop its earlier schedule.
    if (settings.HF_FETCH === "off") await worker.boss.unschedule(FETCH_JOB_NAME);
    const signal = await stop;
    log(`[worker] ${signal}: finishing running jobs, then stopping`);
    await worker.stop();
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.release();
  }
}

// Exit when the work is done: a handle a job left open (a pool, a keep-alive socket) must not keep a
// stopped worker alive; the worker test hung that way under load.
process.exit(await main());
