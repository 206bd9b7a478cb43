// Upvotes and saves: one per person per paper, exact counts under concurrency, the trending boost moving with them.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { trendingBoost } from "../../lib/trending/score";
import { paperReactions, papersWithReaction, setReaction } from "../../lib/votes/reactions";
import { setUpTestDatabase } from "../support/database";
import { createUser } from "./helpers/users";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();
let paperId: number;
let otherPaperId: number;

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  const { rows } = await testDb.pool.query<{ id: number }>("SELECT id FROM paper ORDER BY id LIMIT 2");
  [paperId, otherPaperId] = [rows[0]!.id, rows[1]!.id];
});

async function counts(id: number) {
  const { rows } = await testDb.pool.query(
    "SELECT upvote_count AS upvotes, save_count AS saves, tag_count AS tags, trending_boost AS boost, trending_key AS key, (first_seen - DATE '1970-01-01') AS day FROM paper WHERE id = $1",
    [id],
  );
  return rows[0] as { upvotes: number; saves: number; tags: number; boost: number; key: number; day: number };
}

describe("upvotes and saves", () => {
  it("a signed-out vote is refused with 401 and changes nothing", async () => {
    const result = await setReaction(null, paperId, "upvote", true);
    expect(result).toEqual({ ok: false, status: 401, error: expect.stringMatching(/sign in/i) });
    expect((await counts(paperId)).upvotes).toBe(0);
  });

  it("an upvote counts once however often it is sent, and un-upvoting takes it back", async () => {
    const ada = await createUser(testDb.pool, "ada@example.org");
    expect(await setReaction(ada, paperId, "upvote", true)).toEqual({ ok: true, active: true, count: 1 });
    expect(await setReaction(ada, paperId, "upvote", true)).toEqual({ ok: true, active: true, count: 1 });
    expect(await paperReactions(ada.id, paperId)).toEqual({ upvotes: 1, upvoted: true, saved: false });
    expect(await setReaction(ada, paperId, "upvote", false)).toEqual({ ok: true, active: false, count: 0 });
    expect(await setReaction(ada, paperId, "upvote", false)).toEqual({ ok: true, active: false, count: 0 });
    expect((await counts(paperId)).upvotes).toBe(0);
  });

  it("a vote for a paper that does not exist is a 404, not an error", async () => {
    const bob = await createUser(testDb.pool, "bob@example.org");
    expect(await setReaction(bob, 999_999, "upvote", true)).toMatchObject({ ok: false, status: 404 });
    expect(await setReaction(bob, 999_999, "save", false)).toMatchObject({ ok: false, status: 404 });
  });

  it("40 people voting at once, some twice, give exactly 40 votes, and the boost follows the formula", async () => {
    const people = await Promise.all(
      Array.from({ length: 40 }, (_, i) => createUser(testDb.pool, `voter${i}@example.org`)),
    );
    const requests = people.flatMap((person, i) => (i % 4 === 0 ? [person, person] : [person]));
    const results = await Promise.all(requests.map((person) => setReaction(person, otherPaperId, "upvote", true)));
    expect(results.every((result) => result.ok)).toBe(true);
    const after = await counts(otherPaperId);
    expect(after.upvotes).toBe(40);
    const { rows } = await testDb.pool.query("SELECT count(*)::int AS n FROM upvote WHERE paper_id = $1", [
      otherPaperId,
    ]);
    expect(rows[0].n).toBe(40);
    expect(after.boost).toBeCloseTo(trendingBoost({ upvotes: 40, saves: 0, tags: 0 }), 4);
    expect(after.key).toBeCloseTo(after.day + after.boost, 4);

    // Half of them change their minds at the same time as the other half vote again.
    await Promise.all(people.map((person, i) => setReaction(person, otherPaperId, "upvote", i % 2 === 0)));
    expect((await counts(otherPaperId)).upvotes).toBe(20);
  });

  it("saves build a reading list, newest first, and count as a trending signal", async () => {
    const cy = await createUser(testDb.pool, "cy@example.org");
    await setReaction(cy, paperId, "save", true);
    await setReaction(cy, otherPaperId, "save", true);
    expect(await papersWithReaction(cy.id, "save")).toEqual([otherPaperId, paperId]);
    const saved = await counts(paperId);
    expect(saved.saves).toBe(1);
    expect(saved.boost).toBeCloseTo(trendingBoost({ upvotes: 0, saves: 1, tags: 0 }), 4);
    expect(await setReaction(cy, paperId, "save", false)).toEqual({ ok: true, active: false, count: 0 });
    expect(await papersWithReaction(cy.id, "save")).toEqual([otherPaperId]);
  });

  it("one person's reactions are invisible to another", async () => {
    const dee = await createUser(testDb.pool, "dee@example.org");
    const eve = await createUser(testDb.pool, "eve@example.org");
    await setReaction(dee, paperId, "save", true);
    expect(await paperReactions(eve.id, paperId)).toMatchObject({ saved: false, upvoted: false });
    expect(await papersWithReaction(eve.id, "save")).toEqual([]);
  });
});
