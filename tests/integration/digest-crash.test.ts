// Exactly once, whatever happens to the sender: dropped connections, crashes between claim, send and mark, SIGKILL, two workers.
import { once } from "node:events";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { digestPeriod } from "../../lib/digest/period";
import { planPeriod } from "../../lib/digest/plan";
import { runDigest, type RunDigestOptions } from "../../lib/digest/run";
import { dropConnection, start, type FakeResend } from "../support/fake-resend";
import { setUpTestDatabase } from "../support/database";
import { runDigestCli, spawnDigest } from "./helpers/digest-cli";
import {
  SAMPLE_NOW,
  SITE,
  addSubscribers,
  deliveriesByRecipient,
  ledger,
  mailOptions,
  resetSubscribers,
  seedSample,
} from "./helpers/digest-world";

const db = setUpTestDatabase();
const PERIOD = "daily:2025-04-30";
let fake: FakeResend;

beforeAll(async () => {
  await seedSample(db.pool);
});
// A fresh provider per test: it remembers idempotency keys, and every test's ledger starts at batch 0.
beforeEach(async () => {
  await resetSubscribers(db.pool);
  fake = await start();
});
afterEach(() => fake.close());

const run = (options: Partial<RunDigestOptions> = {}) =>
  runDigest(db.pool, {
    frequency: "daily",
    now: SAMPLE_NOW,
    siteUrl: SITE,
    mail: mailOptions(fake),
    workerId: "w1",
    ...options,
  });

/** Every subscriber has exactly one email from the provider and a SENT ledger row with its papers recorded. */
async function expectExactlyOnce(count: number) {
  const rows = await ledger(db.pool, PERIOD);
  expect(rows).toHaveLength(count);
  expect(rows.filter((row) => row.status !== "SENT")).toEqual([]);
  const byRecipient = deliveriesByRecipient(fake);
  expect(byRecipient.size).toBe(count);
  expect([...byRecipient.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  for (const row of rows) expect(byRecipient.get(row.email)).toBe(1);
  const {
    rows: [sent],
  } = await db.pool.query<{ n: number }>(`SELECT count(DISTINCT subscriber_id)::int AS n FROM sent_paper`);
  expect(sent!.n).toBe(count);
}

async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a digest send interrupted and run again", () => {
  it("the connection drops after the provider accepted a batch: the re-run's same key delivers nothing twice", async () => {
    await addSubscribers(db.pool, 250);
    fake.script((request) => (request.n === 2 ? dropConnection({ afterDelivery: true }) : undefined));
    // One try per request: the dropped batch is left for the next run, as if the sender had died with it.
    const first = await run({ mail: { ...mailOptions(fake), attempts: 1 } });
    expect(first).toMatchObject({ sent: 100, pending: 150 });
    const second = await run();
    expect(second).toMatchObject({ planned: 0, sent: 150, pending: 0 });
    const keys = fake.requests.map((request) => request.headers["idempotency-key"]);
    expect(keys).toEqual([
      `digest:${PERIOD}:0/0`,
      `digest:${PERIOD}:1/0`,
      `digest:${PERIOD}:1/0`,
      `digest:${PERIOD}:2/0`,
    ]);
    await expectExactlyOnce(250);
  });

  it("killed after claiming, before sending: once the lease runs out, the next run sends that batch once", async () => {
    await addSubscribers(db.pool, 250);
    await planPeriod(db.pool, { period: digestPeriod("daily", SAMPLE_NOW, "2025-04-30") });
    await db.pool.query(
      `UPDATE digest_delivery SET status = 'SENDING', claimed_by = 'dead', claimed_at = now() - interval '1 hour', attempts = 1 WHERE batch = 1`,
    );
    const summary = await run({ leaseMs: 60_000 });
    expect(summary).toMatchObject({ sent: 250, pending: 0 });
    await expectExactlyOnce(250);
    expect((await ledger(db.pool, PERIOD)).filter((row) => row.batch === 1).every((row) => row.attempts === 2)).toBe(
      true,
    );
  });

  it("a claim still inside its lease is left alone: its sender may be alive", async () => {
    await addSubscribers(db.pool, 150);
    await planPeriod(db.pool, { period: digestPeriod("daily", SAMPLE_NOW, "2025-04-30") });
    await db.pool.query(
      `UPDATE digest_delivery SET status = 'SENDING', claimed_by = 'alive', claimed_at = now() WHERE batch = 0`,
    );
    const summary = await run({ leaseMs: 60_000 });
    expect(summary).toMatchObject({ sent: 50, pending: 100 });
  });

  it("killed after sending, before marking: the re-run sends the same batch under the same key and the provider drops it", async () => {
    await addSubscribers(db.pool, 250);
    await expect(
      run({
        afterSend: (batch) => {
          if (batch === 1) throw new Error("killed between send and mark");
        },
      }),
    ).rejects.toThrow("killed between send and mark");
    expect((await ledger(db.pool, PERIOD)).filter((row) => row.status === "SENDING")).toHaveLength(100);
    expect(fake.delivered).toHaveLength(200);

    const summary = await run({ leaseMs: 0, workerId: "w2" });
    expect(summary).toMatchObject({ sent: 150, pending: 0 });
    await expectExactlyOnce(250);
  });

  it("SIGKILLed at several points mid-send, the command run again delivers every digest exactly once", async () => {
    await addSubscribers(db.pool, 600);
    const env = { databaseUrl: db.url, resendUrl: fake.url, siteUrl: SITE };
    const args = ["send", "--now", SAMPLE_NOW.toISOString()];
    // The CLI keeps Resend's real pace (5 requests a second), so each kill lands mid-run.
    for (const killAfter of [100, 300]) {
      const child = spawnDigest(args, env);
      const exited = once(child, "exit");
      await waitFor(`${killAfter} delivered emails`, () => fake.delivered.length >= killAfter);
      child.kill("SIGKILL");
      const [, signal] = await exited;
      expect(signal).toBe("SIGKILL");
      // The killed sender's claim is abandoned: let its lease run out rather than wait 15 minutes.
      await db.pool.query(`UPDATE digest_delivery SET claimed_at = now() - interval '1 hour' WHERE status = 'SENDING'`);
    }
    const last = await runDigestCli(args, env);
    expect(last.code, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/still pending 0\./);
    await expectExactlyOnce(600);
    // Nothing left: a further run has nothing to send and says so.
    const after = await runDigestCli(args, env);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/nothing to send/);
  }, 120_000);

  it("two workers at once: every subscriber is planned once and gets exactly one email", async () => {
    await addSubscribers(db.pool, 450);
    const [a, b] = await Promise.all([run({ workerId: "a" }), run({ workerId: "b" })]);
    expect(a.planned + b.planned).toBe(450);
    expect(a.sent + b.sent).toBe(450);
    await expectExactlyOnce(450);
    // No batch was claimed twice: each batch key reached the provider once.
    const keys = fake.requests.map((request) => request.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(5);
  });
});
