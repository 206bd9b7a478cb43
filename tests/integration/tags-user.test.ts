// People's own tags: add / remove with exact counters, limits, idempotency and concurrent adds.
import { beforeAll, describe, expect, it } from "vitest";
import { importDigest } from "../../lib/ingest/import";
import { TAGS_PER_PERSON_PER_PAPER } from "../../lib/tags/tag-input";
import { addUserTags, removeUserTag } from "../../lib/tags/user-tags";
import { tagsForPaper, tagsForUser } from "../../lib/tags/queries";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const testDb = setUpTestDatabase();
const USERS = Array.from({ length: 12 }, (_, i) => `user-${i}`);
const [ada, bob] = USERS as [string, string];
let paperId = 0;
let otherPaperId = 0;

async function state(id = paperId) {
  const {
    rows: [paper],
  } = await testDb.pool.query<{ tag_count: number; trending_boost: number }>(
    `SELECT tag_count, trending_boost FROM paper WHERE id = $1`,
    [id],
  );
  const { rows: tags } = await testDb.pool.query<{
    slug: string;
    kind: string;
    automatic: boolean;
    user_count: number;
    paper_count: number;
    applications: number;
  }>(
    `SELECT t.slug, t.kind::text, pt.automatic, pt.user_count, t.paper_count,
            (SELECT count(*) FROM paper_user_tag u WHERE u.paper_id = pt.paper_id AND u.tag_id = pt.tag_id)::int AS applications
     FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.paper_id = $1 ORDER BY t.slug`,
    [id],
  );
  return { tagCount: paper!.tag_count, boost: paper!.trending_boost, tags };
}

async function userTagCount(): Promise<number> {
  const {
    rows: [row],
  } = await testDb.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM paper_user_tag`);
  return row!.n;
}

beforeAll(async () => {
  await importDigest(
    testDb.pool,
    textSource(
      "d.txt",
      digestText("2025-04-30", [
        { title: "Tagging Target: A Video Benchmark", abstract: "We propose a new benchmark for long videos." },
        { title: "Another Paper on Kernels", abstract: "Kernels, nothing else." },
      ]),
    ),
    { today: "2025-05-01", importedBy: "cli:test" },
  );
  const { rows } = await testDb.pool.query<{ id: number; title: string }>(`SELECT id, title FROM paper ORDER BY id`);
  paperId = rows.find((row) => row.title.startsWith("Tagging"))!.id;
  otherPaperId = rows.find((row) => row.title.startsWith("Another"))!.id;
  for (const id of USERS)
    await testDb.pool.query(`INSERT INTO app_user (id, email) VALUES ($1, $2)`, [id, `${id}@example.org`]);
});

describe("adding and removing one's own tags", () => {
  it("adds several comma-separated names, counting each once on the paper, the tag and the trending signal", async () => {
    const result = await addUserTags(ada, paperId, " Long Context , efficient-attention,long context ");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tags.filter((tag) => !tag.automatic)).toEqual([
      {
        slug: "efficient-attention",
        name: "efficient-attention",
        kind: "USER",
        automatic: false,
        userCount: 1,
        mine: true,
      },
      { slug: "long-context", name: "Long Context", kind: "USER", automatic: false, userCount: 1, mine: true },
    ]);
    // Automatic topics come first.
    expect(result.tags.slice(0, 2).map((tag) => [tag.slug, tag.automatic])).toEqual([
      ["benchmark", true],
      ["video", true],
    ]);
    const after = await state();
    expect(after.tagCount).toBe(2);
    expect(after.boost).toBeGreaterThan(0);
    expect(after.tags.find((tag) => tag.slug === "long-context")).toMatchObject({
      user_count: 1,
      paper_count: 1,
      applications: 1,
    });
  });

  it("is a no-op to add a tag one already applied", async () => {
    const before = await state();
    const again = await addUserTags(ada, paperId, "long context");
    expect(again.ok).toBe(true);
    expect(await state()).toEqual(before);
  });

  it("counts two people applying the same tag on the paper once for the tag and twice for the paper", async () => {
    expect((await addUserTags(bob, paperId, "Long-Context")).ok).toBe(true);
    const after = await state();
    expect(after.tagCount).toBe(3);
    expect(after.tags.find((tag) => tag.slug === "long-context")).toMatchObject({
      user_count: 2,
      paper_count: 1,
      applications: 2,
    });
    // The first person's spelling stays the tag's name.
    const tags = await tagsForPaper(paperId, bob);
    expect(tags.find((tag) => tag.slug === "long-context")).toEqual({
      slug: "long-context",
      name: "Long Context",
      kind: "USER",
      automatic: false,
      userCount: 2,
      mine: true,
    });
    expect((await tagsForPaper(paperId)).every((tag) => tag.mine === false)).toBe(true);
  });

  it("removes only the caller's own application, and the paper leaves the tag with the last one", async () => {
    const removed = await removeUserTag(bob, paperId, "long-context");
    expect(removed).toMatchObject({ ok: true, removed: true });
    let after = await state();
    expect(after.tagCount).toBe(2);
    expect(after.tags.find((tag) => tag.slug === "long-context")).toMatchObject({
      user_count: 1,
      paper_count: 1,
      applications: 1,
    });

    // Bob has no "efficient-attention": nothing happens.
    expect(await removeUserTag(bob, paperId, "efficient-attention")).toMatchObject({ ok: true, removed: false });
    expect(await removeUserTag(bob, paperId, "no-such-tag")).toMatchObject({ ok: true, removed: false });
    expect(await removeUserTag(bob, paperId, "Not A Slug!")).toMatchObject({ ok: true, removed: false });
    expect((await state()).tagCount).toBe(2);

    expect(await removeUserTag(ada, paperId, "long-context")).toMatchObject({ ok: true, removed: true });
    after = await state();
    expect(after.tagCount).toBe(1);
    expect(after.tags.find((tag) => tag.slug === "long-context")).toBeUndefined();
    const {
      rows: [tag],
    } = await testDb.pool.query(`SELECT paper_count FROM tag WHERE slug = 'long-context'`);
    expect(tag).toEqual({ paper_count: 0 });
  });

  it("applies the topic when a name's slug is a topic's, and taking it back leaves the automatic tag", async () => {
    const before = await state();
    const videoBefore = before.tags.find((tag) => tag.slug === "video")!;
    expect(videoBefore).toMatchObject({ automatic: true, user_count: 0 });
    expect((await addUserTags(bob, paperId, "VIDEO")).ok).toBe(true);
    let after = await state();
    expect(after.tags.find((tag) => tag.slug === "video")).toMatchObject({
      kind: "TOPIC",
      automatic: true,
      user_count: 1,
      paper_count: videoBefore.paper_count,
    });
    const {
      rows: [name],
    } = await testDb.pool.query(`SELECT name FROM tag WHERE slug = 'video'`);
    expect(name).toEqual({ name: "Video" });

    expect((await removeUserTag(bob, paperId, "video")).ok).toBe(true);
    after = await state();
    expect(after.tags.find((tag) => tag.slug === "video")).toMatchObject({
      automatic: true,
      user_count: 0,
      paper_count: videoBefore.paper_count,
    });
    expect(after.tagCount).toBe(before.tagCount);
  });

  it("keeps a name trimmed with its whitespace collapsed, and refuses markup", async () => {
    const result = await addUserTags(ada, otherPaperId, "  Bold \t  Ideas ");
    expect(result.ok).toBe(true);
    const { rows } = await testDb.pool.query(`SELECT slug, name FROM tag WHERE slug = 'bold-ideas'`);
    expect(rows).toEqual([{ slug: "bold-ideas", name: "Bold Ideas" }]);
    expect(await addUserTags(ada, otherPaperId, "<script>x</script>")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/words, numbers and “-”/),
    });
  });

  it("lists a person's tags with how many papers they put each on", async () => {
    expect((await addUserTags(ada, otherPaperId, "efficient attention")).ok).toBe(true);
    expect(await tagsForUser(ada)).toEqual([
      { slug: "efficient-attention", name: "efficient-attention", kind: "USER", paperCount: 2 },
      { slug: "bold-ideas", name: "Bold Ideas", kind: "USER", paperCount: 1 },
    ]);
    expect(await tagsForUser("nobody")).toEqual([]);
  });
});

describe("limits", () => {
  it("refuses bad names with a message saying what to change, writing nothing", async () => {
    const before = await userTagCount();
    const cases: [string, RegExp][] = [
      ["x".repeat(41), /at most 40 characters: “x{40,}/],
      ["!!!, ???", /at least one letter .* digit: “!!!”/],
      ["🎥", /at least one letter/],
      ["ok, 🎥", /at least one letter/],
      ["   ,  , ", /Type a tag name/],
      [Array.from({ length: 1000 }, (_, i) => `tag${i}`).join(","), /at most 5 tags at a time \(you sent 1,000\)/],
    ];
    for (const [input, message] of cases) {
      const result = await addUserTags(ada, paperId, input);
      expect(result, input.slice(0, 40)).toEqual({ ok: false, error: expect.stringMatching(message) });
    }
    expect(await userTagCount()).toBe(before);
  });

  it(`allows ${TAGS_PER_PERSON_PER_PAPER} tags per person per paper, refusing the whole request that would pass it`, async () => {
    const user = USERS[11]!;
    for (let i = 0; i < TAGS_PER_PERSON_PER_PAPER; i += 5) {
      const names = Array.from({ length: 5 }, (_, j) => `limit-${i + j}`).join(",");
      expect((await addUserTags(user, otherPaperId, names)).ok).toBe(true);
    }
    const before = await state(otherPaperId);
    const over = await addUserTags(user, otherPaperId, "one-more, and-another");
    expect(over).toEqual({
      ok: false,
      error: expect.stringContaining(
        `at most ${TAGS_PER_PERSON_PER_PAPER} tags on one paper; you have 20, so remove one first`,
      ),
    });
    expect(await state(otherPaperId)).toEqual(before);
    // Re-adding one already applied is still fine at the limit.
    expect((await addUserTags(user, otherPaperId, "limit-3")).ok).toBe(true);
    // And another paper has its own 20.
    expect((await addUserTags(user, paperId, "limit-0")).ok).toBe(true);
  });

  it("answers a missing paper with an error, writing nothing", async () => {
    expect(await addUserTags(ada, 987654, "fine")).toEqual({
      ok: false,
      error: expect.stringContaining("does not exist"),
    });
    expect(await removeUserTag(ada, 987654, "fine")).toEqual({
      ok: false,
      error: expect.stringContaining("does not exist"),
    });
    const { rows } = await testDb.pool.query(`SELECT 1 FROM tag WHERE slug = 'fine'`);
    expect(rows).toEqual([]);
  });
});

describe("concurrency", () => {
  it("10 people adding the same new tag at once: user_count 10, tag.paper_count 1, paper.tag_count +10", async () => {
    const before = await state(otherPaperId);
    const people = USERS.slice(0, 10);
    const results = await Promise.all(people.map((user) => addUserTags(user, otherPaperId, "Concurrent Tag")));
    expect(results.every((result) => result.ok)).toBe(true);
    const after = await state(otherPaperId);
    expect(after.tags.find((tag) => tag.slug === "concurrent-tag")).toMatchObject({
      user_count: 10,
      paper_count: 1,
      applications: 10,
    });
    expect(after.tagCount).toBe(before.tagCount + 10);

    // And all of them taking it back at once, plus repeats, leaves nothing behind.
    await Promise.all([...people, ...people].map((user) => removeUserTag(user, otherPaperId, "concurrent-tag")));
    const end = await state(otherPaperId);
    expect(end.tags.find((tag) => tag.slug === "concurrent-tag")).toBeUndefined();
    expect(end.tagCount).toBe(before.tagCount);
    const {
      rows: [tag],
    } = await testDb.pool.query(`SELECT paper_count FROM tag WHERE slug = 'concurrent-tag'`);
    expect(tag).toEqual({ paper_count: 0 });
  });

  it("keeps every tag's paper_count and every paper's tag_count equal to the rows", async () => {
    const { rows } = await testDb.pool.query(`
      SELECT 'tag ' || t.slug AS what FROM tag t WHERE t.paper_count <> (SELECT count(*) FROM paper_tag pt WHERE pt.tag_id = t.id)
      UNION ALL
      SELECT 'paper ' || p.id FROM paper p WHERE p.tag_count <> (SELECT count(*) FROM paper_user_tag u WHERE u.paper_id = p.id)
      UNION ALL
      SELECT 'paper_tag ' || pt.paper_id || '/' || pt.tag_id FROM paper_tag pt
      WHERE pt.user_count <> (SELECT count(*) FROM paper_user_tag u WHERE u.paper_id = pt.paper_id AND u.tag_id = pt.tag_id)
         OR (NOT pt.automatic AND pt.user_count = 0)`);
    expect(rows).toEqual([]);
  });
});
