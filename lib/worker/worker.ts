// Runs the scheduled jobs on pg-boss in our own PostgreSQL: any number of workers can share one database.
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import PgBoss from "pg-boss";
import pg from "pg";
import type { WorkerJob } from "./jobs";
import { jobDoneLine, jobFailedLine } from "./log-line";

export type WorkerOptions = {
  databaseUrl: string;
  jobs: WorkerJob[];
  /** Shown in logs and passed to jobs (the digest ledger records who claimed a delivery). Default host:pid:random. */
  workerId?: string;
  log?: (line: string) => void;
  /** How often an idle worker asks for new jobs; pg-boss's default is 2 s. */
  pollingIntervalSeconds?: number;
  /** Run pg-boss's cron clock in this process (default true). Tests turn it off so no real tick fires mid-test. */
  runClock?: boolean;
};

export type RunningWorker = {
  workerId: string;
  boss: PgBoss;
  /**
   * Queues one run of a job for `key` (e.g. a period such as "daily:2025-04-30"). The job id is derived from
   * the key, so however many workers trigger the same key, one job exists and one worker runs it.
   */
  trigger(name: string, key: string, now?: Date): Promise<string | null>;
  /** Stops fetching, waits for running jobs (up to timeoutMs), closes the connections. */
  stop(timeoutMs?: number): Promise<void>;
};

type JobData = { now?: string };

function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(2).toString("hex")}`;
}

/** A UUID that is the same for the same (queue, key) everywhere: pg-boss's insert skips an id it already has. */
function jobIdFor(name: string, key: string): string {
  const hex = createHash("sha256").update(`${name}\n${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// Any constant works: it only has to be the same in every worker.
const QUEUE_SETUP_LOCK = 0x70617065; // "pape"

/**
 * Creates the queues and (re)writes their schedules, one worker at a time: pg-boss 10 deadlocks when two
 * processes create the same queue at once (each creates its partition table), which a fleet starting
 * together would do. The advisory lock is held on our own connection while pg-boss uses its pool.
 */
async function setUpQueues(boss: PgBoss, pool: pg.Pool, jobs: WorkerJob[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [QUEUE_SETUP_LOCK]);
    for (const job of jobs) {
      // pg-boss checks option keys with `in`: an undefined value would fail its assertions, so absent keys stay absent.
      await boss.createQueue(job.name, {
        name: job.name,
        ...(job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {}),
      });
      await boss.schedule(job.name, job.cron, {}, { tz: job.timeZone });
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [QUEUE_SETUP_LOCK]).catch(() => undefined);
    client.release();
  }
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const workerId = options.workerId ?? defaultWorkerId();
  const log = options.log ?? ((line: string) => console.info(line));
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, application_name: "paperpulse-worker" });
  // An idle connection dropped by the server (a restart, a failover) is reported here; without a
  // listener pg would throw it and take the worker down. The next query opens a fresh connection.
  pool.on("error", (error) => log(`[worker] database connection lost: ${error.message}`));
  // Every instance runs pg-boss's clock: its cron check takes a row lock, so a tick fires once cluster-wide.
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    application_name: "paperpulse-worker",
    max: 4,
    schedule: options.runClock ?? true,
  });
  boss.on("error", (error) => log(`[worker] pg-boss: ${error.message}`));

  try {
    await boss.start();
    await setUpQueues(boss, pool, options.jobs);
    for (const job of options.jobs) {
      await boss.work<JobData>(
        job.name,
        {
          includeMetadata: true,
          batchSize: 1,
          ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
        },
        async ([next]) => {
          if (!next) return;
          const started = performance.now();
          // The tick's time, not the fetch time: a job picked up late still covers the period it was made for.
          const now = next.data?.now ? new Date(next.data.now) : new Date(next.createdOn);
          try {
            const counts = await job.run({ pool, now, workerId, jobId: next.id });
            log(jobDoneLine(job.name, next.id, performance.now() - started, counts));
            return counts;
          } catch (error) {
            log(jobFailedLine(job.name, next.id, performance.now() - started, error));
            throw error;
          }
        },
      );
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    await pool.end();
    throw error;
  }
  log(
    `[worker] ${workerId} started: ${options.jobs.map((job) => `${job.name} at "${job.cron}" (${job.timeZone})`).join(", ")}`,
  );

  let stopping: Promise<void> | undefined;
  return {
    workerId,
    boss,
    trigger: (name, key, now) =>
      boss.send(name, now ? { now: now.toISOString() } : {}, { id: jobIdFor(name, key), singletonKey: key }),
    stop(timeoutMs = 30_000) {
      stopping ??= (async () => {
        await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
        await pool.end();
        log(`[worker] ${workerId} stopped`);
      })();
      return stopping;
    },
  };
}
