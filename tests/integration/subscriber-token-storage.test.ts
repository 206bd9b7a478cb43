// Subscriber link tokens are not stored: the database holds a seed that makes no link without AUTH_SECRET,
// and tokens sent before the change keep working through the SHA-256 the migration left in their place.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate, readMigrations } from "../../lib/db/migrate";
import { disconnectDb, setDatabaseUrl } from "../../lib/db/prisma";
import { withDatabase } from "../../lib/db/with-database";
import { confirmSubscription } from "../../lib/subscribers/confirm";
import { subscriptionByToken } from "../../lib/subscribers/queries";
import { subscribe } from "../../lib/subscribers/subscribe";
import { subscriberLinkToken } from "../../lib/subscribers/token";
import { unsubscribe } from "../../lib/subscribers/unsubscribe";
import { findLatestOutboxMessage } from "../../lib/mail/outbox";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const MIGRATION = "20261205120000_subscriber_token_hash";
const adminUrl = inject("adminDatabaseUrl");
const name = `pp_tokens_${randomBytes(4).toString("hex")}`;
const url = withDatabase(adminUrl, name);
const pool = new pg.Pool({ connectionString: url, max: 2 });
let outboxDir = "";

/** A database migrated up to just before the token change, with subscribers written the old way. */
beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const migrations = readMigrations();
  const at = migrations.findIndex((migration) => migration.name === MIGRATION);
  expect(at).toBeGreaterThan(0);
  await migrate(url, migrations.slice(0, at));
  setDatabaseUrl(url);
  outboxDir = await mkdtemp(path.join(os.tmpdir(), "pp-token-storage-"));
}, 120_000);

afterAll(async () => {
  await disconnectDb();
  await pool.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await rm(outboxDir, { recursive: true, force: true });
});

describe("subscriber tokens at rest", () => {
  it("links already emailed keep working after the migration, which keeps no token in clear", async () => {
    // As the old code wrote them: 32 random bytes in base64url, stored as they were emailed.
    const oldToken = randomBytes(32).toString("base64url");
    const otherToken = randomBytes(32).toString("base64url");
    await pool.query(
      `INSERT INTO subscriber (email, status, frequency, token, confirmed_at) VALUES ('old@example.org', 'CONFIRMED', 'WEEKLY', $1, now()),
                                                                                  ('pending@example.org', 'PENDING', 'DAILY', $2, NULL)`,
      [oldToken, otherToken],
    );

    await migrate(url);

    const { rows } = await pool.query(`SELECT * FROM subscriber ORDER BY email`);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(oldToken);
    expect(stored).not.toContain(otherToken);
    expect(rows.map((row) => Object.keys(row))).not.toContainEqual(expect.arrayContaining(["token"]));
    expect(new Set(rows.map((row) => row.token_seed)).size).toBe(2);

    // The old links: preferences, confirm, unsubscribe.
    expect(await subscriptionByToken(oldToken)).toMatchObject({
      email: "old@example.org",
      status: "CONFIRMED",
      frequency: "WEEKLY",
    });
    expect(await confirmSubscription(otherToken)).toMatchObject({
      ok: true,
      subscription: { email: "pending@example.org", status: "CONFIRMED" },
    });
    // New emails carry a token derived from the seed; it works alongside the old one.
    const newToken = subscriberLinkToken(rows[0].token_seed);
    expect(newToken).not.toBe(oldToken);
    expect(await subscriptionByToken(newToken)).toMatchObject({ email: "old@example.org" });
    expect(await unsubscribe(oldToken)).toEqual({ ok: true, email: "old@example.org" });
  });

  it("a new subscription's emailed token is nowhere in the database, and a restart ends the old links", async () => {
    const mail = { apiKey: null, outboxDir, log: () => undefined };
    await subscribe(
      { email: "fresh@example.org", frequency: "daily" },
      { clientAddress: "10.9.0.1", origin: "https://papers.example.org", mail },
    );
    const message = await findLatestOutboxMessage({ to: "fresh@example.org" }, { outboxDir });
    const token = message!.text.match(/\/subscribe\/confirm\/([A-Za-z0-9_-]{43})/)![1]!;

    const { rows } = await pool.query(`SELECT * FROM subscriber WHERE email = 'fresh@example.org'`);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].legacy_token_hash).toBeNull();
    expect(await confirmSubscription(token)).toMatchObject({ ok: true });

    // Unsubscribed, then subscribing again: a new seed, and both the old link and a legacy one are dead.
    await pool.query(`UPDATE subscriber SET legacy_token_hash = 'x' WHERE email = 'fresh@example.org'`);
    await unsubscribe(token);
    await subscribe(
      { email: "fresh@example.org", frequency: "daily" },
      { clientAddress: "10.9.0.2", origin: "https://papers.example.org", mail },
    );
    expect(await subscriptionByToken(token)).toBeNull();
    const again = await pool.query(
      `SELECT token_seed, legacy_token_hash FROM subscriber WHERE email = 'fresh@example.org'`,
    );
    expect(again.rows[0]).toMatchObject({ legacy_token_hash: null });
    expect(again.rows[0].token_seed).not.toBe(rows[0].token_seed);
  });
});
