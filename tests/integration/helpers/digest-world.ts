// A catalogue, subscribers and a fake Resend for the digest tests: real importer, real SQL, the real resend SDK.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { fileSource } from "../../../lib/ingest/file-source";
import { importDigest } from "../../../lib/ingest/import";
import type { BatchOptions } from "../../../lib/mail/types";
import type { FakeResend } from "../../support/fake-resend";
import { digestText, textSource } from "./text-source";

export const SITE = "https://papers.example.org";
const SAMPLE_DATE = "2025-04-30";
/** Noon UTC of the sample's day: the daily period is daily:2025-04-30. */
export const SAMPLE_NOW = new Date("2025-04-30T12:00:00Z");
const samplePath = fileURLToPath(new URL("../../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));

/**
 * The sample digest (94 papers of 2025-04-30) and two topics of the tests' own: "Video understanding" on
 * every 4th paper, "Agents" on every 6th. Their own slugs, so the importer's automatic topic tags
 * (lib/tags/topics.ts) cannot change which papers the tests expect.
 */
export async function seedSample(pool: pg.Pool): Promise<{ video: number; agents: number }> {
  await importDigest(pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  const { rows } = await pool.query<{ id: number; slug: string }>(
    `INSERT INTO tag (slug, name, kind) VALUES ('test-video', 'Video understanding', 'TOPIC'), ('test-agents', 'Agents', 'TOPIC') RETURNING id, slug`,
  );
  const video = rows.find((row) => row.slug === "test-video")!.id;
  const agents = rows.find((row) => row.slug === "test-agents")!.id;
  await pool.query(
    `INSERT INTO paper_tag (paper_id, tag_id, automatic)
     SELECT id, $1::int, true FROM paper WHERE id % 4 = 0 UNION ALL SELECT id, $2::int, true FROM paper WHERE id % 6 = 0`,
    [video, agents],
  );
  return { video, agents };
}

/** Imports a small digest of the given titles, dated `date`. */
export async function importTitles(pool: pg.Pool, date: string, titles: string[]): Promise<void> {
  const text = digestText(
    date,
    titles.map((title) => ({
      title,
      abstract: `An abstract for ${title}. Code at https://github.com/example/${title.length}.`,
    })),
  );
  const summary = await importDigest(pool, textSource(`${date}.txt`, text), { today: date, importedBy: "cli:test" });
  if (summary.status !== "IMPORTED") throw new Error(`import failed: ${JSON.stringify(summary)}`);
}

export type NewSubscriber = {
  email?: string;
  status?: string;
  frequency?: "DAILY" | "WEEKLY";
  weekday?: number;
  topics?: number[];
};

/** Inserts subscribers as the subscribe flow leaves them (confirmed unless said otherwise); returns their ids. */
export async function addSubscribers(
  pool: pg.Pool,
  count: number,
  make: (i: number) => NewSubscriber = () => ({}),
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = make(i);
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO subscriber (email, status, frequency, weekday, confirmed_at)
       VALUES ($1, $2::"SubscriberStatus", $3::"DigestFrequency", $4, now()) RETURNING id`,
      [
        s.email ?? `reader${i}-${randomBytes(3).toString("hex")}@example.org`,
        s.status ?? "CONFIRMED",
        s.frequency ?? "DAILY",
        s.weekday ?? 1,
      ],
    );
    ids.push(rows[0]!.id);
    for (const tagId of s.topics ?? [])
      await pool.query(`INSERT INTO subscriber_topic (subscriber_id, tag_id) VALUES ($1, $2)`, [rows[0]!.id, tagId]);
  }
  return ids;
}

export async function resetSubscribers(pool: pg.Pool): Promise<void> {
  await pool.query(`TRUNCATE subscriber, subscriber_topic, digest_delivery, sent_paper, author_follow, saved_search`);
}

/** Fast retries and no rate spacing: the tests are about what is sent, not how fast. */
export function mailOptions(fake: FakeResend): Omit<BatchOptions, "batchKey" | "chunkSize"> {
  return {
    apiKey: "re_test_key",
    baseUrl: fake.url,
    from: "PaperPulse <papers@example.org>",
    ratePerSecond: 10_000,
    baseDelayMs: 5,
    log: () => undefined,
  };
}

export type LedgerRow = {
  subscriber_id: number;
  email: string;
  status: string;
  paper_ids: number[];
  batch: number;
  attempts: number;
  error: string | null;
  provider_id: string | null;
};

export async function ledger(pool: pg.Pool, period: string): Promise<LedgerRow[]> {
  const { rows } = await pool.query<LedgerRow>(
    `SELECT d.subscriber_id, s.email, d.status::text AS status, d.paper_ids, d.batch, d.attempts, d.error, d.provider_id
     FROM digest_delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.period = $1 ORDER BY d.subscriber_id`,
    [period],
  );
  return rows;
}

/** How many emails the fake accepted per recipient. */
export function deliveriesByRecipient(fake: FakeResend): Map<string, number> {
  const counts = new Map<string, number>();
  for (const email of fake.delivered) counts.set(email.to, (counts.get(email.to) ?? 0) + 1);
  return counts;
}

/** Papers in trending order for the sample's day: what a first daily digest's top part must be. */
export async function hottest(pool: pg.Pool, limit: number): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `SELECT id FROM paper WHERE first_seen = $1 ORDER BY trending_key DESC, id LIMIT $2`,
    [SAMPLE_DATE, limit],
  );
  return rows.map((row) => row.id);
}
