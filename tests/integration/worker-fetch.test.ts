// The worker's scheduled Hugging Face fetch: scheduled with HF_FETCH_CRON, and a tick both workers trigger fetches once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FETCH_JOB_NAME, fetchJob } from "../../lib/worker/fetch-job";
import { startWorker, type RunningWorker } from "../../lib/worker/worker";
import { setUpTestDatabase } from "../support/database";
import { fixtureEntries, startFakeHf, type FakeHf } from "../support/fake-hf";
import { virtualClock } from "../support/virtual-clock";

const testDb = setUpTestDatabase();
const running: RunningWorker[] = [];
const lines: string[] = [];
let hf: FakeHf;

beforeAll(async () => {
  hf = await startFakeHf();
  hf.setDay("2025-05-01", fixtureEntries("hf-daily-papers-2025-05-02.json"));
  hf.setDay("2025-05-02", fixtureEntries("hf-daily-papers-2025-04-30-overlap.json"));
});
afterAll(async () => {
  await Promise.all(running.map((worker) => worker.stop()));
  await hf?.close();
});

async function start(workerId: string): Promise<RunningWorker> {
  const job = fetchJob({
    cron: "23 * * * *",
    timeZone: "Europe/Berlin",
    apiUrl: hf.url,
    lookbackDays: 1,
    log: (line) => lines.push(line),
    client: { clock: virtualClock().clock },
  });
  const worker = await startWorker({
    databaseUrl: testDb.url,
    jobs: [job],
    workerId,
    runClock: false,
    pollingIntervalSeconds: 0.5,
    log: (line) => lines.push(line),
  });
  running.push(worker);
  return worker;
}

async function settled(worker: RunningWorker, id: string): Promise<string> {
  for (;;) {
    const job = await worker.boss.getJobById(FETCH_JOB_NAME, id);
    if (job && ["completed", "failed"].includes(job.state)) return job.state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the scheduled fetch", () => {
  it("two workers schedule it with the configured cron; a tick both trigger fetches each recent day once", async () => {
    const [ann, ben] = await Promise.all([start("fetch-ann"), start("fetch-ben")]);
    const schedules = await ann.boss.getSchedules();
    expect(
      schedules.map(({ name, cron, timezone }: { name: string; cron: string; timezone?: string }) => ({
        name,
        cron,
        timezone,
      })),
    ).toEqual([{ name: FETCH_JOB_NAME, cron: "23 * * * *", timezone: "Europe/Berlin" }]);

    const now = new Date("2025-05-02T10:23:00Z");
    const ids = await Promise.all([
      ann.trigger(FETCH_JOB_NAME, "hf:2025-05-02T10:23", now),
      ben.trigger(FETCH_JOB_NAME, "hf:2025-05-02T10:23", now),
    ]);
    const created = ids.filter((id): id is string => id !== null);
    expect(created).toHaveLength(1);
    expect(await settled(ann, created[0]!)).toBe("completed");

    expect(hf.requests.map((r) => r.query.date)).toEqual(["2025-05-01", "2025-05-02"]);
    const { rows } = await testDb.pool.query(
      `SELECT to_char(digest_date, 'YYYY-MM-DD') AS day, imported_by FROM import_run ORDER BY id`,
    );
    expect(rows).toEqual([
      { day: "2025-05-01", imported_by: "fetch:huggingface" },
      { day: "2025-05-02", imported_by: "fetch:huggingface" },
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^\[worker\] hf-fetch \+ 2025-05-01: new: 6 new/));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^\[worker\] hf-fetch job [0-9a-f]{8} done in \d+\.\ds: days=2 new=2 updated=0 unchanged=0 failed=0 requests=2$/,
      ),
    );
  });
});
