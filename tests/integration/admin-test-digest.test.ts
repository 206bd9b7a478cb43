// The "send a test digest to me" rule behind /admin/mail's button: only an admin's request sends, and only to their own address.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendTestDigestAs } from "../../lib/admin-mail/test-digest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { listOutbox } from "../../lib/mail/outbox";
import { setUpTestDatabase } from "../support/database";
import { createUser } from "./helpers/users";

// Mail goes to this run's outbox (env() is parsed on first use, after this).
const dataDir = mkdtempSync(path.join(tmpdir(), "pp-admin-test-digest-"));
process.env.PAPERPULSE_DATA_DIR = dataDir;
process.env.RESEND_API_KEY = "";
const outbox = () => listOutbox(100, { outboxDir: path.join(dataDir, "outbox") });
const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function subscribe(email: string) {
  await testDb.pool.query(`INSERT INTO subscriber (email, status, confirmed_at) VALUES ($1, 'CONFIRMED', now())`, [
    email,
  ]);
}

describe("send a test digest to me", () => {
  it("a signed-in non-admin is refused with 403 and nothing is sent, even when subscribed", async () => {
    const reader = await createUser(testDb.pool, "reader@example.org", "USER");
    await subscribe(reader.email);
    let called = false;
    const outcome = await sendTestDigestAs(reader, async () => {
      called = true;
      throw new Error("must not be called");
    });
    expect(outcome).toEqual({ ok: false, status: 403, error: "Only admins can send a test digest." });
    expect(called).toBe(false);
    expect(await sendTestDigestAs(reader)).toMatchObject({ ok: false, status: 403 });
    expect(await outbox()).toEqual([]);
  });

  it("a signed-out request is refused with 401", async () => {
    expect(await sendTestDigestAs(null)).toEqual({ ok: false, status: 401, error: "Sign in first." });
    expect(await outbox()).toEqual([]);
  });

  it("an admin who subscribed gets one digest at their own address, outside the ledger", async () => {
    const admin = await createUser(testDb.pool, "editor@example.org", "ADMIN");
    await subscribe(admin.email);
    const outcome = await sendTestDigestAs(admin);
    expect(outcome).toEqual({
      ok: true,
      message: expect.stringMatching(
        /^A test digest for daily:\d{4}-\d{2}-\d{2} is on its way to editor@example\.org\.$/,
      ),
    });
    expect((await outbox()).map((message) => message.to)).toEqual(["editor@example.org"]);
    const { rows } = await testDb.pool.query(`SELECT count(*)::int AS n FROM digest_delivery`);
    expect(rows[0].n).toBe(0);
  });

  it("an admin who never subscribed is told why nothing was sent", async () => {
    const admin = await createUser(testDb.pool, "boss@example.org", "ADMIN");
    const before = (await outbox()).length;
    const outcome = await sendTestDigestAs(admin);
    expect(outcome).toEqual({
      ok: false,
      status: 422,
      error: expect.stringContaining("boss@example.org is not a subscriber"),
    });
    expect(await outbox()).toHaveLength(before);
  });
});
