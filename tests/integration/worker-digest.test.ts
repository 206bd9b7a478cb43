// Two workers running the real digest for the same tick at the same time: every subscriber still gets exactly one email.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDigest } from "../../lib/digest/run";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { listOutbox } from "../../lib/mail/outbox";
import { scheduledJobs } from "../../lib/worker/jobs";
import { startWorker, type RunningWorker } from "../../lib/worker/worker";
import { setUpTestDatabase } from "../support/database";

// No provider: the digests land in this run's own outbox (env() is parsed on first use, after this).
const dataDir = mkdtempSync(path.join(tmpdir(), "pp-worker-digest-"));
process.env.PAPERPULSE_DATA_DIR = dataDir;
process.env.RESEND_API_KEY = "";
const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();
const workers: RunningWorker[] = [];
const SUBSCRIBERS = 7;

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  for (let i = 0; i < SUBSCRIBERS; i++) {
    await testDb.pool.query(`INSERT INTO subscriber (email, status, confirmed_at) VALUES ($1, 'CONFIRMED', now())`, [
      `reader-${i}@example.org`,
    ]);
  }
  const jobs = scheduledJobs({ dailyCron: "0 7 * * *", weeklyCron: "0 7 * * *", timeZone: "UTC" }, runDigest);
  for (const id of ["digest-ann", "digest-ben"]) {
    workers.push(
      await startWorker({
        databaseUrl: testDb.url,
        jobs,
        workerId: id,
        runClock: false,
        pollingIntervalSeconds: 0.5,
        log: () => undefined,
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the digest job on several workers", () => {
  it("two jobs for the same morning, one per worker, send each subscriber one digest", async () => {
    const [ann, ben] = workers as [RunningWorker, RunningWorker];
    const now = new Date("2025-05-01T07:00:00Z");
    // Different keys on purpose: pg-boss lets both jobs through, so only the ledger stands between them and a double send.
    const ids = await Promise.all([
      ann.trigger("digest-daily", "tick-a", now),
      ben.trigger("digest-daily", "tick-b", now),
    ]);
    for (;;) {
      const jobs = await Promise.all(ids.map((id) => ann.boss.getJobById("digest-daily", id!)));
      if (jobs.every((job) => job?.state === "completed")) break;
      expect(jobs.map((job) => job?.state)).not.toContain("failed");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const { rows } = await testDb.pool.query<{ email: string; status: string }>(
      `SELECT s.email, d.status::text AS status FROM digest_delivery d JOIN subscriber s ON s.id = d.subscriber_id ORDER BY s.email`,
    );
    expect(rows).toEqual(
      Array.from({ length: SUBSCRIBERS }, (_, i) => ({ email: `reader-${i}@example.org`, status: "SENT" })),
    );
    const outbox = await listOutbox(100, { outboxDir: path.join(dataDir, "outbox") });
    expect(outbox.map((message) => message.to).sort()).toEqual(rows.map((row) => row.email));
  });
});
