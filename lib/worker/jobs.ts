// The worker's scheduled jobs: one list of { name, cron, run }; a new job (the digest-inbox importer) is one more entry.
import type pg from "pg";
import type { RunDigestOptions } from "../digest/run";

/** What a job gets: the database, the moment its tick fired (not when a worker got round to it), and who runs it. */
export type JobContext = { pool: pg.Pool; now: Date; workerId: string; jobId: string };

/** Whatever the job counted; the worker logs every number in one line. */
type JobCounts = Record<string, unknown>;

export type WorkerJob = {
  /** The pg-boss queue and schedule name. */
  name: string;
  /** Five-field cron, read in `timeZone`. */
  cron: string;
  timeZone: string;
  /** A job that runs longer than this is considered dead and retried; the digest ledger makes a retry safe. */
  expireInSeconds?: number;
  run(context: JobContext): Promise<JobCounts>;
};

/** lib/digest/run.ts's runDigest, injected so tests can count calls without sending mail. */
export type RunDigest = (pool: pg.Pool, options: RunDigestOptions) => Promise<object>;

export type ScheduleSettings = { dailyCron: string; weeklyCron: string; timeZone: string; topN?: number };

// A big run sends in rate-limited batches; two hours is far beyond any real run, so expiry only catches a dead worker.
const DIGEST_EXPIRY_SECONDS = 2 * 60 * 60;

/** The digest sends; scripts/worker.ts adds the digest-inbox importer (lib/worker/inbox-job.ts) beside them. */
export function scheduledJobs(settings: ScheduleSettings, runDigest: RunDigest): WorkerJob[] {
  const digest = (frequency: "daily" | "weekly", cron: string): WorkerJob => ({
    name: `digest-${frequency}`,
    cron,
    timeZone: settings.timeZone,
    expireInSeconds: DIGEST_EXPIRY_SECONDS,
    run: async ({ pool, now, workerId }) => ({
      ...(await runDigest(pool, { frequency, now, dryRun: false, workerId, topN: settings.topN })),
    }),
  });
  return [digest("daily", settings.dailyCron), digest("weekly", settings.weeklyCron)];
}
