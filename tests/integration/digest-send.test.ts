// The digest run end to end: real PostgreSQL, the real resend SDK against the fake Resend API.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { digestPeriod } from "../../lib/digest/period";
import { planPeriod } from "../../lib/digest/plan";
import { runDigest, type RunDigestOptions } from "../../lib/digest/run";
import { MAX_ATTEMPTS } from "../../lib/digest/ledger";
import { rateLimited, rejectAddress, serverError, start, type FakeResend } from "../support/fake-resend";
import { setUpTestDatabase } from "../support/database";
import {
  SAMPLE_NOW,
  SITE,
  addSubscribers,
  deliveriesByRecipient,
  hottest,
  importTitles,
  ledger,
  mailOptions,
  resetSubscribers,
  seedSample,
} from "./helpers/digest-world";

const db = setUpTestDatabase();
let fake: FakeResend;
let topics: { video: number; agents: number };

beforeAll(async () => {
  topics = await seedSample(db.pool);
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
const batchCalls = () => fake.requests.filter((request) => request.path === "/emails/batch");

describe("the digest run", () => {
  it("sends each subscriber the top trending papers of the day, then a section per followed topic", async () => {
    // Upvotes make two papers hotter than their digest neighbours (the trending formula, stored on the paper).
    await db.pool.query(
      `UPDATE paper SET trending_boost = 8 WHERE id IN (SELECT id FROM paper ORDER BY id DESC LIMIT 2)`,
    );
    try {
      const [plain, follower] = await addSubscribers(db.pool, 2, (i) => ({
        topics: i === 1 ? [topics.video, topics.agents] : [],
      }));
      const summary = await run({ topN: 5 });
      expect(summary).toMatchObject({ period: "daily:2025-04-30", planned: 2, sent: 2, failed: 0, pending: 0 });

      const top = await hottest(db.pool, 5);
      const { rows: maxRows } = await db.pool.query<{ id: number }>(`SELECT id FROM paper ORDER BY id DESC LIMIT 2`);
      expect(top.slice(0, 2).sort()).toEqual(maxRows.map((r) => r.id).sort());
      const rows = await ledger(db.pool, "daily:2025-04-30");
      expect(rows.find((r) => r.subscriber_id === plain)?.paper_ids).toEqual(top);

      const followerList = rows.find((r) => r.subscriber_id === follower)!.paper_ids;
      expect(followerList.slice(0, 5)).toEqual(top);
      // Sections in topic-name order ("Agents", then "Video understanding"), 3 papers each, none from the top part.
      const agentsAt = followerList.indexOf(-topics.agents);
      const videoAt = followerList.indexOf(-topics.video);
      expect(agentsAt).toBe(5);
      expect(videoAt).toBe(9);
      const agentPapers = followerList.slice(6, 9);
      const videoPapers = followerList.slice(10);
      expect(agentPapers.every((id) => id % 6 === 0 && !top.includes(id))).toBe(true);
      expect(videoPapers).toHaveLength(3);
      expect(videoPapers.every((id) => id % 4 === 0 && !top.includes(id) && !agentPapers.includes(id))).toBe(true);

      const email = fake.delivered.find((e) => e.to === rows.find((r) => r.subscriber_id === follower)!.email)!;
      expect(email.html).toContain("Because you follow Agents");
      expect(email.text).toContain("Because you follow Video understanding");
      const {
        rows: [first],
      } = await db.pool.query<{ slug: string }>(`SELECT slug FROM paper WHERE id = $1`, [top[0]]);
      expect(email.html).toContain(`${SITE}/papers/${first!.slug}`);
      expect(email.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
      expect(email.headers?.["List-Unsubscribe"]).toMatch(new RegExp(`^<${SITE}/api/unsubscribe/[A-Za-z0-9_-]+>$`));
      expect(email.text).toMatch(new RegExp(`Unsubscribe: ${SITE}/unsubscribe/`));
      expect(email.text).toMatch(new RegExp(`Change topics or frequency: ${SITE}/preferences/`));
    } finally {
      await db.pool.query(`UPDATE paper SET trending_boost = 0`);
    }
  });

  it("never sends a paper twice: the next period carries only papers that arrived since", async () => {
    const [id] = await addSubscribers(db.pool, 1);
    await run();
    const { rows: firstSent } = await db.pool.query<{ paper_id: number }>(
      `SELECT paper_id FROM sent_paper WHERE subscriber_id = $1`,
      [id],
    );
    expect(firstSent).toHaveLength(10);

    await importTitles(db.pool, "2025-05-01", ["Fresh Paper One About Video", "Fresh Paper Two About Agents"]);
    const next = await run({ now: new Date("2025-05-01T12:00:00Z") });
    expect(next).toMatchObject({ period: "daily:2025-05-01", planned: 1, sent: 1 });
    const [row] = await ledger(db.pool, "daily:2025-05-01");
    const { rows: titles } = await db.pool.query<{ title: string }>(
      `SELECT title FROM paper WHERE id = ANY($1) ORDER BY id`,
      [row!.paper_ids],
    );
    expect(titles.map((t) => t.title)).toEqual(["Fresh Paper One About Video", "Fresh Paper Two About Agents"]);
    expect(row!.paper_ids.some((p) => firstSent.some((s) => s.paper_id === p))).toBe(false);
    await db.pool.query(`DELETE FROM digest WHERE date = '2025-05-01'`);
    await db.pool.query(`DELETE FROM paper WHERE first_seen = '2025-05-01'`);
  });

  it("sends nothing and records nothing when a subscriber has nothing new", async () => {
    await addSubscribers(db.pool, 3);
    await run();
    fake.requests.length = 0;
    const again = await run();
    expect(again).toMatchObject({ planned: 0, sent: 0, nothingNew: 0, pending: 0 });

    // Already sent this period's papers (say, by an earlier period): no row, no email.
    await db.pool.query(`DELETE FROM digest_delivery`);
    await db.pool.query(`UPDATE subscriber SET last_sent_at = NULL`);
    await db.pool.query(
      `INSERT INTO sent_paper (subscriber_id, paper_id) SELECT s.id, p.id FROM subscriber s, paper p ON CONFLICT DO NOTHING`,
    );
    const nothing = await run();
    expect(nothing).toMatchObject({ planned: 0, sent: 0, nothingNew: 3 });
    expect(await ledger(db.pool, "daily:2025-04-30")).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it("sends 250 digests in batch calls of 100, 100 and 50, each under its own idempotency key", async () => {
    await addSubscribers(db.pool, 250);
    const summary = await run();
    expect(summary).toMatchObject({ planned: 250, sent: 250 });
    expect(batchCalls().map((r) => (r.body as unknown[]).length)).toEqual([100, 100, 50]);
    expect(batchCalls().map((r) => r.headers["idempotency-key"])).toEqual([
      "digest:daily:2025-04-30:0/0",
      "digest:daily:2025-04-30:1/0",
      "digest:daily:2025-04-30:2/0",
    ]);
    expect([...deliveriesByRecipient(fake).values()].every((n) => n === 1)).toBe(true);
    expect(fake.delivered).toHaveLength(250);
  });

  it("waits out a 429 and retries 5xx answers, then delivers every digest once", async () => {
    await addSubscribers(db.pool, 150);
    fake.script((request) =>
      request.n === 1 ? rateLimited(0) : request.n === 2 || request.n === 4 ? serverError(503) : undefined,
    );
    const summary = await run();
    expect(summary).toMatchObject({ sent: 150, failed: 0, pending: 0 });
    expect(fake.delivered).toHaveLength(150);
    expect(batchCalls().map((r) => r.headers["idempotency-key"])).toEqual([
      "digest:daily:2025-04-30:0/0",
      "digest:daily:2025-04-30:0/0",
      "digest:daily:2025-04-30:0/0",
      "digest:daily:2025-04-30:1/0",
      "digest:daily:2025-04-30:1/0",
    ]);
  });

  it("a digest the provider keeps refusing with 5xx is given up after 8 runs, with the last error, not retried forever", async () => {
    await addSubscribers(db.pool, 1, () => ({ email: "unlucky@example.org" }));
    fake.script(() => serverError(503));
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await run()).toMatchObject({ sent: 0, pending: 1 });
    }
    expect(await run()).toMatchObject({ sent: 0, pending: 0 });
    const [row] = await ledger(db.pool, "daily:2025-04-30");
    expect(row).toMatchObject({ status: "FAILED" });
    expect(row!.error).toMatch(/^gave up after 8 attempts: .*503/);
  });

  it("marks only the address the provider refuses as failed; everyone else gets their digest", async () => {
    await addSubscribers(db.pool, 120, (i) => ({ email: `reader${i}@example.org` }));
    fake.script(() => rejectAddress("reader105@example.org"));
    const summary = await run();
    expect(summary).toMatchObject({ sent: 119, failed: 1, pending: 0 });
    const rows = await ledger(db.pool, "daily:2025-04-30");
    const bad = rows.find((r) => r.email === "reader105@example.org")!;
    expect(bad).toMatchObject({ status: "FAILED" });
    expect(bad.error).toMatch(/422 validation_error/);
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(119);
    expect(deliveriesByRecipient(fake).has("reader105@example.org")).toBe(false);
    const {
      rows: [sent],
    } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sent_paper WHERE subscriber_id = $1`, [
      bad.subscriber_id,
    ]);
    expect(sent!.n).toBe(0);
  });

  it("a subscriber who unsubscribes after planning is not sent the digest", async () => {
    await addSubscribers(db.pool, 2, (i) => ({ email: `u${i}@example.org` }));
    await planPeriod(db.pool, { period: digestPeriod("daily", SAMPLE_NOW, "2025-04-30") });
    await db.pool.query(
      `UPDATE subscriber SET status = 'UNSUBSCRIBED', unsubscribed_at = now() WHERE email = 'u0@example.org'`,
    );
    const summary = await run();
    expect(summary).toMatchObject({ planned: 0, sent: 1, skipped: 1, pending: 0 });
    expect(fake.delivered.map((e) => e.to)).toEqual(["u1@example.org"]);
    const [leaver] = await ledger(db.pool, "daily:2025-04-30");
    expect(leaver).toMatchObject({ email: "u0@example.org", status: "FAILED" });
    expect(leaver!.error).toMatch(/^skipped: the subscriber is unsubscribed/);
  });

  it("a title with a newline still gives a one-line subject", async () => {
    await importTitles(db.pool, "2025-05-02", ["Plain Title"]);
    await db.pool.query(
      `UPDATE paper SET title = 'Broken' || chr(13) || chr(10) || 'Bcc: victim@example.org title' WHERE title = 'Plain Title'`,
    );
    await addSubscribers(db.pool, 1);
    await run({ now: new Date("2025-05-02T12:00:00Z") });
    expect(fake.delivered[0]!.subject).toBe("PaperPulse: 1 trending paper — Broken Bcc: victim@example.org title");
    await db.pool.query(`DELETE FROM digest WHERE date = '2025-05-02'`);
    await db.pool.query(`DELETE FROM paper WHERE first_seen = '2025-05-02'`);
  });

  it("a dry run says who would get what and writes and sends nothing", async () => {
    await addSubscribers(db.pool, 2, (i) => ({ email: `dry${i}@example.org`, topics: i ? [topics.video] : [] }));
    const lines: string[] = [];
    const summary = await run({ dryRun: true, log: (line) => lines.push(line) });
    expect(summary).toMatchObject({ dryRun: true, planned: 2, sent: 0 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^dry0@example\.org: 10 papers \(10 trending\), first "/);
    expect(lines[1]).toMatch(/^dry1@example\.org: 13 papers \(10 trending; Video understanding 3\)/);
    expect(await ledger(db.pool, "daily:2025-04-30")).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it("weekly subscribers get the week's digest on their weekday only", async () => {
    // 2025-04-30 is a Wednesday (3).
    await addSubscribers(db.pool, 2, (i) => ({
      email: `weekly${i}@example.org`,
      frequency: "WEEKLY",
      weekday: i === 0 ? 3 : 4,
    }));
    const summary = await run({ frequency: "weekly" });
    expect(summary).toMatchObject({ period: "weekly:2025-W18", planned: 1, sent: 1 });
    expect(fake.delivered.map((e) => e.to)).toEqual(["weekly0@example.org"]);
    expect(fake.delivered[0]!.subject).toMatch(/^PaperPulse: 10 trending papers — /);
  });

  it("a test send (--to) mails that one subscriber and records nothing", async () => {
    await addSubscribers(db.pool, 2, (i) => ({ email: `to${i}@example.org` }));
    const summary = await run({ to: "TO1@example.org" });
    expect(summary).toMatchObject({ sent: 1, planned: 0 });
    expect(fake.delivered.map((e) => e.to)).toEqual(["to1@example.org"]);
    expect(await ledger(db.pool, "daily:2025-04-30")).toEqual([]);
    expect((await run({ to: "nobody@example.org" })).error).toMatch(/not a subscriber/);
  });
});
