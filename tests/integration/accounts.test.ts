// Throttles, admin roles and recommendations against the real database.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { grantAdmin, listAdmins, promoteConfiguredAdmin, revokeAdmin } from "../../lib/auth/roles";
import { SIGN_IN_PER_EMAIL, throttleSignIn } from "../../lib/throttle/sign-in";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { backfillSimilar } from "../../lib/papers/similar-backfill";
import { takeThrottle } from "../../lib/throttle/store";
import { recommendationsFor } from "../../lib/recommendations/for-user";
import { addUserTags } from "../../lib/tags/user-tags";
import { setReaction } from "../../lib/votes/reactions";
import { setUpTestDatabase } from "../support/database";
import { createUser } from "./helpers/users";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  // Recommendations read the similar lists, which the worker's job computes after an import.
  await backfillSimilar(testDb.pool);
});

describe("sign-in throttling", () => {
  it("allows five links per address per hour, then says when to try again", async () => {
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit; i++)
      expect(await throttleSignIn("Ada@Example.org", `10.0.0.${i}`)).toEqual({ ok: true });
    const refused = await throttleSignIn("ada@example.org", "10.0.0.99");
    expect(refused).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too many sign-in links.*try again in \d+ minutes/i),
    });
    // Another address from the same clients is not affected.
    expect(await throttleSignIn("bob@example.org", "10.0.0.1")).toEqual({ ok: true });
  });

  it("counts victim+1@, victim+2@ and VICTIM@ as one mailbox: a tag cannot buy another five links", async () => {
    for (let i = 1; i <= SIGN_IN_PER_EMAIL.limit; i++)
      expect(await throttleSignIn(`victim+${i}@example.org`, `10.1.0.${i}`)).toEqual({ ok: true });
    expect(await throttleSignIn("VICTIM@example.org", "10.1.0.99")).toMatchObject({ ok: false });
    expect(await throttleSignIn("victim+zzz@Example.org", "10.1.0.98")).toMatchObject({ ok: false });
  });

  it("lets exactly the limit through when many requests race, from any number of processes", async () => {
    const rule = { bucket: "test:race", limit: 5, windowMs: 60_000 };
    const results = await Promise.all(Array.from({ length: 12 }, () => takeThrottle([{ rule, key: "same" }])));
    expect(results.filter((result) => result.ok)).toHaveLength(5);
  });

  it("forgets attempts older than the window", async () => {
    const rule = { bucket: "test:window", limit: 1, windowMs: 60_000 };
    const start = new Date("2026-01-01T00:00:00Z");
    expect(await takeThrottle([{ rule, key: "k" }], start)).toEqual({ ok: true });
    expect(await takeThrottle([{ rule, key: "k" }], new Date(start.getTime() + 30_000))).toEqual({
      ok: false,
      retryAfterSeconds: 30,
      buckets: ["test:window"],
    });
    expect(await takeThrottle([{ rule, key: "k" }], new Date(start.getTime() + 61_000))).toEqual({ ok: true });
  });
});

describe("admin roles", () => {
  it("ADMIN_EMAILS makes a listed person an admin at sign-in, and nobody else", async () => {
    const boss = await createUser(testDb.pool, "boss@example.org");
    // As a magic-link sign-in leaves it: only proven addresses are promoted (admin-promotion.test.ts).
    await testDb.pool.query(`UPDATE app_user SET email_verified = now() WHERE id = $1`, [boss.id]);
    await createUser(testDb.pool, "reader@example.org");
    await promoteConfiguredAdmin("Boss@Example.org", ["boss@example.org"]);
    await promoteConfiguredAdmin("reader@example.org", ["boss@example.org"]);
    const { rows } = await testDb.pool.query(
      `SELECT email, role FROM app_user WHERE email IN ('boss@example.org', 'reader@example.org') ORDER BY email`,
    );
    expect(rows).toEqual([
      { email: "boss@example.org", role: "ADMIN" },
      { email: "reader@example.org", role: "USER" },
    ]);
  });

  it("grant and revoke from the command line's functions; revoking an unknown address says so", async () => {
    expect(await grantAdmin("new-admin@example.org")).toEqual({
      ok: true,
      email: "new-admin@example.org",
      created: true,
    });
    expect(await listAdmins()).toContain("new-admin@example.org");
    expect(await revokeAdmin("new-admin@example.org")).toMatchObject({ ok: true });
    expect(await listAdmins()).not.toContain("new-admin@example.org");
    expect(await revokeAdmin("ghost@example.org")).toEqual({ ok: false, error: "No account for ghost@example.org." });
  });
});

describe("recommendations", () => {
  it("suggests neighbours of upvoted papers that I have not seen, saying why", async () => {
    const reader = await createUser(testDb.pool, "recs@example.org");
    const { rows } = await testDb.pool.query<{ id: number; title: string }>(
      `SELECT p.id, p.title FROM paper p WHERE p.title LIKE 'Video-MME%'`,
    );
    const videoMme = rows[0]!;
    await setReaction(reader, videoMme.id, "upvote", true);
    const recs = await recommendationsFor(reader.id);
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.map((rec) => rec.paper.id)).not.toContain(videoMme.id);
    expect(recs[0]!.reason).toBe(`because you upvoted “${videoMme.title}”`);

    // Saving a suggestion counts as having seen it.
    const first = recs[0]!.paper.id;
    await setReaction(reader, first, "save", true);
    expect((await recommendationsFor(reader.id)).map((rec) => rec.paper.id)).not.toContain(first);
  });

  it("mixes every source paper (upvoted, saved, tagged), at most three from each, taking turns newest first", async () => {
    const reader = await createUser(testDb.pool, "mixed-recs@example.org");
    // Three papers with the longest similar lists, so each has suggestions left after the others take theirs.
    const { rows: sources } = await testDb.pool.query<{ id: number; title: string }>(
      `SELECT p.id, p.title FROM paper p JOIN paper_similar s ON s.paper_id = p.id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 3`,
    );
    const [upvoted, saved, tagged] = sources as [
      { id: number; title: string },
      { id: number; title: string },
      { id: number; title: string },
    ];
    await setReaction(reader, upvoted.id, "upvote", true);
    await setReaction(reader, saved.id, "save", true);
    expect(await addUserTags(reader.id, tagged.id, "my-test-tag")).toMatchObject({ ok: true });
    // The order they were acted on, oldest first, without relying on the clock between calls.
    await testDb.pool.query(`UPDATE upvote SET created_at = '2026-01-01T10:00Z' WHERE user_id = $1`, [reader.id]);
    await testDb.pool.query(`UPDATE save SET created_at = '2026-01-01T11:00Z' WHERE user_id = $1`, [reader.id]);
    await testDb.pool.query(`UPDATE paper_user_tag SET created_at = '2026-01-01T12:00Z' WHERE user_id = $1`, [
      reader.id,
    ]);

    const recs = await recommendationsFor(reader.id);
    const reasons = {
      tagged: `because you tagged “${tagged.title}” as my-test-tag`,
      saved: `because you saved “${saved.title}”`,
      upvoted: `because you upvoted “${upvoted.title}”`,
    };
    // Three turns of three: the tagged paper alone no longer fills the ten places.
    const turn = [reasons.tagged, reasons.saved, reasons.upvoted];
    expect(recs.map((rec) => rec.reason)).toEqual([...turn, ...turn, ...turn]);
    const ids = recs.map((rec) => rec.paper.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const source of sources) expect(ids).not.toContain(source.id);
  });

  it("has nothing to suggest to someone who has not upvoted or tagged anything", async () => {
    const newcomer = await createUser(testDb.pool, "newcomer@example.org");
    expect(await recommendationsFor(newcomer.id)).toEqual([]);
  });
});
