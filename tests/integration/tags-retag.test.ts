// Re-tagging the whole catalogue after the taxonomy changed: one transaction, people's tags kept.
import { beforeAll, describe, expect, it } from "vitest";
import { importDigest } from "../../lib/ingest/import";
import { retagCatalogue, topicCounts } from "../../lib/tags/retag";
import { TOPICS, type Topic } from "../../lib/tags/topic-taxonomy";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const testDb = setUpTestDatabase();

const PAPERS = [
  { title: "A Koala Benchmark for Video Models", abstract: "We study koalas in long videos." },
  { title: "Wombat Kernels", abstract: "Efficient kernels for wombats, with knowledge distillation." },
  { title: "Platypus Planning", abstract: "Planning for platypus robots in embodied environments." },
];

async function tagsOf(title: string): Promise<{ slug: string; automatic: boolean; user_count: number }[]> {
  const { rows } = await testDb.pool.query(
    `SELECT t.slug, pt.automatic, pt.user_count FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id JOIN paper p ON p.id = pt.paper_id
     WHERE p.title = $1 ORDER BY t.slug`,
    [title],
  );
  return rows;
}

async function countsAreExact(): Promise<void> {
  const { rows } = await testDb.pool.query(
    `SELECT t.slug FROM tag t WHERE t.paper_count <> (SELECT count(*) FROM paper_tag pt WHERE pt.tag_id = t.id)`,
  );
  expect(rows).toEqual([]);
}

beforeAll(async () => {
  await importDigest(testDb.pool, textSource("d.txt", digestText("2025-04-30", PAPERS)), {
    today: "2025-05-01",
    importedBy: "cli:test",
  });
  // Someone applied "video" to the koala paper by hand too.
  await testDb.pool.query(`INSERT INTO app_user (id, email) VALUES ('u1', 'u1@example.org')`);
  await testDb.pool.query(
    `INSERT INTO paper_user_tag (paper_id, tag_id, user_id) SELECT p.id, t.id, 'u1' FROM paper p, tag t WHERE p.title = $1 AND t.slug = 'video'`,
    [PAPERS[0]!.title],
  );
  await testDb.pool.query(
    `UPDATE paper_tag SET user_count = 1 FROM paper p, tag t WHERE p.title = $1 AND t.slug = 'video' AND paper_tag.paper_id = p.id AND paper_tag.tag_id = t.id`,
    [PAPERS[0]!.title],
  );
});

describe("retag", () => {
  it("changes nothing when the taxonomy did not change, and reports the coverage", async () => {
    const before = await testDb.pool.query(`SELECT * FROM paper_tag ORDER BY 1, 2`);
    const summary = await retagCatalogue(testDb.pool);
    expect(summary).toMatchObject({
      topics: TOPICS.length,
      papers: 3,
      tagged: 3,
      added: 0,
      removed: 0,
      retired: [],
      coverage: 1,
    });
    expect((await testDb.pool.query(`SELECT * FROM paper_tag ORDER BY 1, 2`)).rows).toEqual(before.rows);
  });

  it("applies an edited taxonomy: a new topic tags, a dropped topic's automatic tags go, people's applications stay", async () => {
    const marsupials: Topic = {
      slug: "marsupials",
      name: "Marsupials",
      description: "Koalas, wombats and friends.",
      title: ["koala*", "wombat*"],
      abstract: ["platypus robots"],
    };
    // "video" leaves the taxonomy; "efficiency" loses its abstract terms (title "Wombat Kernels" has none).
    const edited = [
      ...TOPICS.filter((topic) => topic.slug !== "video").map((topic) =>
        topic.slug === "efficiency" ? { ...topic, abstract: [] } : topic,
      ),
      marsupials,
    ];
    const summary = await retagCatalogue(testDb.pool, edited);
    expect(summary).toMatchObject({ topics: edited.length, papers: 3, tagged: 3, retired: ["video"], coverage: 1 });

    expect(await tagsOf(PAPERS[0]!.title)).toEqual([
      { slug: "benchmark", automatic: true, user_count: 0 },
      { slug: "marsupials", automatic: true, user_count: 0 },
      // No longer a topic, still this person's tag.
      { slug: "video", automatic: false, user_count: 1 },
    ]);
    expect(await tagsOf(PAPERS[1]!.title)).toEqual([{ slug: "marsupials", automatic: true, user_count: 0 }]);
    expect((await tagsOf(PAPERS[2]!.title)).map((tag) => tag.slug)).toEqual(["embodied-robotics", "marsupials"]);
    const { rows } = await testDb.pool.query(
      `SELECT slug, kind::text, paper_count FROM tag WHERE slug IN ('video', 'marsupials', 'efficiency') ORDER BY slug`,
    );
    expect(rows).toEqual([
      { slug: "efficiency", kind: "TOPIC", paper_count: 0 },
      { slug: "marsupials", kind: "TOPIC", paper_count: 3 },
      { slug: "video", kind: "USER", paper_count: 1 },
    ]);
    await countsAreExact();

    expect((await topicCounts(testDb.pool, edited)).find((topic) => topic.slug === "marsupials")).toEqual({
      slug: "marsupials",
      name: "Marsupials",
      paperCount: 3,
    });
  });

  it("going back to the shipped taxonomy restores it (the retired topic is a topic again)", async () => {
    const summary = await retagCatalogue(testDb.pool);
    expect(summary.retired).toEqual(["marsupials"]);
    expect(await tagsOf(PAPERS[0]!.title)).toEqual([
      { slug: "benchmark", automatic: true, user_count: 0 },
      { slug: "video", automatic: true, user_count: 1 },
    ]);
    expect(await tagsOf(PAPERS[1]!.title)).toEqual([{ slug: "efficiency", automatic: true, user_count: 0 }]);
    const { rows } = await testDb.pool.query(
      `SELECT slug, kind::text, paper_count FROM tag WHERE slug IN ('video', 'marsupials') ORDER BY slug`,
    );
    expect(rows).toEqual([
      { slug: "marsupials", kind: "USER", paper_count: 0 },
      { slug: "video", kind: "TOPIC", paper_count: 1 },
    ]);
    await countsAreExact();
  });

  it("rolls back entirely when the taxonomy is invalid", async () => {
    const before = await testDb.pool.query(`SELECT * FROM paper_tag ORDER BY 1, 2`);
    const broken = [...TOPICS, { slug: "Bad Slug", name: "x", description: "", title: ["x"], abstract: [] }];
    await expect(retagCatalogue(testDb.pool, broken)).rejects.toThrow(/topic slug "Bad Slug"/);
    expect((await testDb.pool.query(`SELECT * FROM paper_tag ORDER BY 1, 2`)).rows).toEqual(before.rows);
  });
});
