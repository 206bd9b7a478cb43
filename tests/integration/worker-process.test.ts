// `npm run worker` as a process: it migrates, schedules the digests, and a SIGTERM or SIGINT stops it cleanly with exit code 0.
import { spawn } from "node:child_process";
import { describe, expect, it, onTestFinished } from "vitest";
import { setUpTestDatabase } from "../support/database";
import { projectRoot } from "./helpers/run-cli";

const testDb = setUpTestDatabase();

/** The worker with the same loaders as `npm run worker`, in this very process id (no tsx wrapper to forward signals). */
function spawnWorker(extraEnv: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/support/allow-server-only.mjs", "scripts/worker.ts"],
    {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: testDb.url, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => output.includes(" started: ") && resolve());
    void exited.then(() => reject(new Error(`the worker exited before starting:\n${output}`)));
  });
  // A worker a failed test left behind must not outlive it (nor hold the test database).
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, started, exited, output: () => output };
}

/**
 * Waits for one stage of the worker's life; if it does not come, the failure names the stage and shows
 * what the worker printed, so a hang under load says where it happened instead of a bare timeout.
 */
async function stage<T>(name: string, event: Promise<T>, output: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the worker did not reach "${name}"; it printed:\n${output()}`)),
      STAGE_BOUND_MS,
    );
  });
  try {
    return await Promise.race([event, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A real worker process: tsx start-up, pg-boss creating its schema, five schedules, then a graceful stop
 * that waits for any job a minute boundary started. On a loaded 2-core CI machine that took over the
 * default 30 s; the test waits for the events it asserts, this is only the bound on waiting.
 */
const PROCESS_TEST_TIMEOUT_MS = 180_000;
/** Each stage (started, exited) gets under half the test's bound, so a hang fails with the worker's output. */
const STAGE_BOUND_MS = 80_000;

describe("npm run worker", { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`starts with the configured schedules and stops cleanly on ${signal} with exit code 0`, async () => {
      // The fetch's cron never fires during the test (once a year), so nothing is asked of huggingface.co.
      const worker = spawnWorker({
        DIGEST_DAILY_CRON: "15 6 * * *",
        DIGEST_TIMEZONE: "Europe/Berlin",
        HF_FETCH_CRON: "0 5 1 1 *",
      });
      await stage("started", worker.started, worker.output);
      expect(worker.output()).toContain(
        'digest-daily at "15 6 * * *" (Europe/Berlin), digest-weekly at "0 7 * * *" (Europe/Berlin), digest-inbox at "* * * * *" (Europe/Berlin), similar-backfill at "* * * * *" (Europe/Berlin), hf-fetch at "0 5 1 1 *" (Europe/Berlin)',
      );
      worker.child.kill(signal);
      expect(await stage("exited", worker.exited, worker.output)).toBe(0);
      expect(worker.output()).toMatch(new RegExp(`${signal}: finishing running jobs, then stopping[\\s\\S]*stopped`));
      const { rows } = await testDb.pool.query(`SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`);
      expect(rows).toEqual([
        { name: "digest-daily", cron: "15 6 * * *", timezone: "Europe/Berlin" },
        { name: "digest-inbox", cron: "* * * * *", timezone: "Europe/Berlin" },
        { name: "digest-weekly", cron: "0 7 * * *", timezone: "Europe/Berlin" },
        { name: "hf-fetch", cron: "0 5 1 1 *", timezone: "Europe/Berlin" },
        { name: "similar-backfill", cron: "* * * * *", timezone: "Europe/Berlin" },
      ]);
    });
  }

  it("a malformed setting stops it before it touches the database, naming the variable (exit code 2)", async () => {
    const worker = spawnWorker({ DIGEST_WEEKLY_CRON: "weekly please" });
    worker.started.catch(() => undefined);
    expect(await worker.exited).toBe(2);
    expect(worker.output()).toContain("DIGEST_WEEKLY_CRON: must be a cron expression with 5 fields");
  });
});
