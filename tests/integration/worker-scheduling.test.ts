// The digest worker on pg-boss: several instances share one database, a tick runs once, jobs log their counts, stop waits for work.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobContext, RunDigest, WorkerJob } from "../../lib/worker/jobs";
import { scheduledJobs } from "../../lib/worker/jobs";
import { startWorker, type RunningWorker } from "../../lib/worker/worker";
import { setUpTestDatabase } from "../support/database";

const testDb = setUpTestDatabase();
const running: RunningWorker[] = [];
const lines: string[] = [];

beforeAll(async () => {
  await testDb.pool.query(
    `CREATE TABLE worker_test_run (job TEXT NOT NULL, job_id UUID NOT NULL, worker_id TEXT NOT NULL, now TIMESTAMPTZ NOT NULL, note TEXT)`,
  );
});
afterAll(async () => {
  await Promise.all(running.map((worker) => worker.stop()));
});

/** A job that records each run in a table, so the test counts runs across workers from the database. */
function recordingJob(name: string, hooks: { before?: () => Promise<void>; fail?: boolean } = {}): WorkerJob {
  return {
    name,
    cron: "0 7 * * *",
    timeZone: "UTC",
    async run({ pool, now, workerId, jobId }: JobContext) {
      await hooks.before?.();
      if (hooks.fail) throw new Error("the provider is down");
      await pool.query(`INSERT INTO worker_test_run (job, job_id, worker_id, now) VALUES ($1, $2, $3, $4)`, [
        name,
        jobId,
        workerId,
        now,
      ]);
      return { planned: 2, sent: 2, failed: 0 };
    },
  };
}

async function start(jobs: WorkerJob[], workerId: string): Promise<RunningWorker> {
  const worker = await startWorker({
    databaseUrl: testDb.url,
    jobs,
    workerId,
    runClock: false,
    pollingIntervalSeconds: 0.5,
    log: (line) => lines.push(line),
  });
  running.push(worker);
  return worker;
}

async function runs(job: string) {
  const { rows } = await testDb.pool.query<{ job_id: string; worker_id: string; now: Date }>(
    `SELECT job_id, worker_id, now FROM worker_test_run WHERE job = $1 ORDER BY now`,
    [job],
  );
  return rows;
}

/** Polls until every job has left the queue's active states; the test's own timeout bounds the wait. */
async function settled(worker: RunningWorker, name: string, ids: string[]): Promise<void> {
  for (;;) {
    const jobs = await Promise.all(ids.map((id) => worker.boss.getJobById(name, id)));
    if (jobs.every((job) => job && ["completed", "failed"].includes(job.state))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("several workers on one database", () => {
  it("two workers start side by side, and a tick both of them trigger runs exactly once", async () => {
    const jobs = [recordingJob("tick-once")];
    const [ann, ben] = await Promise.all([start(jobs, "worker-ann"), start(jobs, "worker-ben")]);
    const now = new Date("2025-04-30T07:00:00Z");
    const ids = await Promise.all([
      ann.trigger("tick-once", "daily:2025-04-30", now),
      ben.trigger("tick-once", "daily:2025-04-30", now),
    ]);
    // One insert wins; the other finds the job already there and gets null.
    const created = ids.filter((id): id is string => id !== null);
    expect(created).toHaveLength(1);
    await settled(ann, "tick-once", created);
    const recorded = await runs("tick-once");
    expect(recorded).toHaveLength(1);
    expect(["worker-ann", "worker-ben"]).toContain(recorded[0]!.worker_id);
    expect(recorded[0]!.now.toISOString()).toBe(now.toISOString());
  });

  it("many ticks triggered from both workers each run once, whichever worker picks them up", async () => {
    const jobs = [recordingJob("many-ticks")];
    const [ann, ben] = await Promise.all([start(jobs, "many-ann"), start(jobs, "many-ben")]);
    const keys = Array.from({ length: 12 }, (_, day) => `daily:2025-05-${String(day + 1).padStart(2, "0")}`);
    const ids = await Promise.all(
      keys.flatMap((key) => [ann.trigger("many-ticks", key), ben.trigger("many-ticks", key)]),
    );
    const created = ids.filter((id): id is string => id !== null);
    expect(created).toHaveLength(keys.length);
    await settled(ann, "many-ticks", created);
    const recorded = await runs("many-ticks");
    expect(recorded.map((row) => row.job_id).sort()).toEqual([...created].sort());
  });
});

describe("jobs", () => {
  it("the digest jobs are scheduled with the configured cron and time zone and call the digest run for their frequency", async () => {
    const calls: Parameters<RunDigest>[1][] = [];
    const fakeRunDigest: RunDigest = async (_pool, options) => {
      calls.push(options);
      return { planned: 3, sent: 3, failed: 0 };
    };
    const jobs = scheduledJobs(
      { dailyCron: "30 6 * * *", weeklyCron: "0 8 * * 1", timeZone: "Europe/Berlin", topN: 7 },
      fakeRunDigest,
    );
    const worker = await start(jobs, "digest-worker");

    const schedules = (await worker.boss.getSchedules()).filter((schedule) => schedule.name.startsWith("digest-"));
    expect(
      schedules
        .map(({ name, cron, timezone }: { name: string; cron: string; timezone?: string }) => ({
          name,
          cron,
          timezone,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: "digest-daily", cron: "30 6 * * *", timezone: "Europe/Berlin" },
      { name: "digest-weekly", cron: "0 8 * * 1", timezone: "Europe/Berlin" },
    ]);

    const now = new Date("2025-05-05T06:00:00Z");
    const id = await worker.trigger("digest-weekly", "weekly:2025-W19", now);
    await settled(worker, "digest-weekly", [id!]);
    expect(calls).toEqual([{ frequency: "weekly", now, dryRun: false, workerId: "digest-worker", topN: 7 }]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[worker\] digest-weekly job [0-9a-f]{8} done in \d+\.\ds: planned=3 sent=3 failed=0$/),
    );
  });

  it("a failing job is logged with its error and left for pg-boss to retry", async () => {
    const worker = await start([recordingJob("always-fails", { fail: true })], "failing-worker");
    const id = await worker.trigger("always-fails", "daily:2025-04-30");
    for (;;) {
      const job = await worker.boss.getJobById("always-fails", id!);
      if (job && (job.state === "retry" || job.state === "failed")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[worker\] always-fails job [0-9a-f]{8} failed after .*: the provider is down$/),
    );
    expect(await runs("always-fails")).toEqual([]);
  });

  it("stop waits for a running job to finish before closing", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = await start(
      [recordingJob("slow-job", { before: async () => (started(), gate) })],
      "stopping-worker",
    );
    await worker.trigger("slow-job", "daily:2025-04-30");
    await running;

    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    // The job is still inside run(): stopping must not have finished, and nothing is recorded yet.
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await runs("slow-job")).toHaveLength(1);
    expect(lines).toContain("[worker] stopping-worker stopped");
  });
});
