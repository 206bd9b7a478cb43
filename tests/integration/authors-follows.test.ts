// Authors, follows and saved searches on a real database: the key, the pages' queries, search's author:,
// every refusal with its message, and the digest's new sections (once per email, never again later).
import { beforeAll, describe, expect, it } from "vitest";
import { authorBySlug, authorPage, newestPapersByAuthor } from "../../lib/authors/queries";
import { db } from "../../lib/db/prisma";
import { digestPeriod } from "../../lib/digest/period";
import { planPeriod, type PlannedDigest } from "../../lib/digest/plan";
import { followAuthor, followedAuthors, unfollowAuthor } from "../../lib/follows/authors";
import { ownerForToken, ownerForUser } from "../../lib/follows/owner";
import { digestSections, setDigestSections } from "../../lib/follows/sections";
import { paperBySlug } from "../../lib/papers/paper";
import { searchPapers } from "../../lib/papers/search";
import { MAX_SAVED_SEARCHES } from "../../lib/saved-searches/input";
import { matchSavedSearches } from "../../lib/saved-searches/match";
import { removeSavedSearch, savedSearches, saveSearch } from "../../lib/saved-searches/store";
import { subscriberLinkToken } from "../../lib/subscribers/token";
import { setUpTestDatabase } from "../support/database";
import { addSubscribers } from "./helpers/digest-world";
import { createUser } from "./helpers/users";

const testDb = setUpTestDatabase();
const DAY = "2025-05-01";

async function addPaper(n: number, authors: string[], firstSeen = DAY, extra = ""): Promise<number> {
  const { rows } = await testDb.pool.query<{ id: number }>(
    `INSERT INTO paper (slug, title_key, title, abstract, first_seen, authors, trending_boost)
     VALUES ($1, $1, $2, $3, $4::date, $5, $6) RETURNING id`,
    [
      `p${n}`,
      `Paper ${n} ${extra}`.trim(),
      `An abstract about ${extra || "things"} number ${n}.`,
      firstSeen,
      authors,
      100 - n,
    ],
  );
  return rows[0]!.id;
}

async function tokenOf(subscriberId: number): Promise<string> {
  const { rows } = await testDb.pool.query<{ seed: string }>(
    `SELECT token_seed::text AS seed FROM subscriber WHERE id = $1`,
    [subscriberId],
  );
  return subscriberLinkToken(rows[0]!.seed);
}

const ids: Record<string, number> = {};

beforeAll(async () => {
  // 25 papers by Élodie Dupont (spelled three ways), newest first by day; two by Ada; one video paper by nobody we follow.
  for (let i = 1; i <= 25; i++) {
    const spelling = i % 3 === 0 ? "ÉLODIE  DUPONT" : i % 3 === 1 ? "Élodie Dupont" : "elodie-dupont";
    ids[`e${i}`] = await addPaper(
      i,
      [spelling, "Someone Else"],
      `2025-04-${String(i + 1).padStart(2, "0")}`,
      i === 5 ? "diffusion" : "",
    );
  }
  ids.ada1 = await addPaper(31, ["Ada Lovelace"], DAY, "video benchmark");
  ids.ada2 = await addPaper(32, ["Ada Lovelace", "Alan Turing"], DAY, "video grounding");
  ids.video = await addPaper(33, ["Grace Hopper"], DAY, "video understanding");
  ids.other = await addPaper(34, [], DAY, "speech");
});

describe("author pages", () => {
  it("one key for every spelling (case, accents, spacing, punctuation); the slug names the page", async () => {
    const author = await authorBySlug("elodie-dupont");
    expect(author).toEqual({ key: "elodie dupont", slug: "elodie-dupont", name: "Élodie Dupont", paperCount: 25 });
    expect((await authorBySlug("ÉLODIE DUPONT"))?.slug).toBe("elodie-dupont");
  });

  it("pages newest first, 20 a page; past the end is the last page", async () => {
    const first = await authorPage("elodie-dupont", 1);
    expect(first?.papers).toHaveLength(20);
    expect(first?.papers[0]?.id).toBe(ids.e25);
    expect(first?.pageCount).toBe(2);
    const last = await authorPage("elodie-dupont", 99);
    expect(last?.page).toBe(2);
    expect(last?.papers.map((p) => p.id)).toEqual([ids.e5, ids.e4, ids.e3, ids.e2, ids.e1]);
  });

  it("an unknown, blank or over-long name has no page (404), and never a 500", async () => {
    expect(await authorPage("nobody-at-all", 1)).toBeNull();
    expect(await authorBySlug("---")).toBeNull();
    expect(await authorBySlug("x".repeat(201))).toBeNull();
    expect(await newestPapersByAuthor("nobody", 5)).toBeNull();
  });

  it("cards and paper pages carry each author's slug", async () => {
    const paper = await paperBySlug("p3");
    expect(paper?.authorLinks).toEqual([
      { name: "ÉLODIE  DUPONT", slug: "elodie-dupont" },
      { name: "Someone Else", slug: "someone-else" },
    ]);
  });

  it("a paper written through Prisma gets its keys from the generated column", async () => {
    const paper = await db().paper.create({
      data: {
        slug: "prisma-1",
        titleKey: "prisma-1",
        title: "Prisma paper",
        abstract: "A.",
        firstSeen: new Date("2025-03-01"),
        authors: ["José Núñez"],
      },
    });
    expect(paper.authorKeys).toEqual(["jose nunez"]);
    await db().paper.delete({ where: { id: paper.id } });
  });
});

describe('search with author:"Name"', () => {
  it("filters by the author's key, alone or with words", async () => {
    const alone = await searchPapers({ q: 'author:"ada lovelace"', hasCode: false, page: 1, pageSize: 20 });
    expect(alone.papers.map((p) => p.id).sort()).toEqual([ids.ada1, ids.ada2].sort());
    const withWords = await searchPapers({
      q: 'grounding author:"ADA LOVELACE"',
      hasCode: false,
      page: 1,
      pageSize: 20,
    });
    expect(withWords.papers.map((p) => p.id)).toEqual([ids.ada2]);
    const nobody = await searchPapers({ q: "author:nobody video", hasCode: false, page: 1, pageSize: 20 });
    expect(nobody.total).toBe(0);
  });
});

describe("following authors", () => {
  it("follows from a slug, lists with newest papers, refuses an unknown author (404) and unfollows twice calmly", async () => {
    const user = await createUser(testDb.pool, "follower@example.org");
    const owner = ownerForUser(user.id);
    expect(await followAuthor(owner, "ada-lovelace")).toMatchObject({ ok: true, slug: "ada-lovelace" });
    expect(await followAuthor(owner, "Ada  LOVELACE")).toMatchObject({
      ok: true,
      message: "You already follow Ada Lovelace.",
    });
    expect(await followAuthor(owner, "No Such Person")).toEqual({
      ok: false,
      status: 404,
      error:
        "No author named “No Such Person” in the catalogue: check the spelling, or open a paper and follow from its author list.",
    });
    const list = await followedAuthors(owner);
    expect(list.map((a) => [a.name, a.newest.length])).toEqual([["Ada Lovelace", 2]]);
    expect(await unfollowAuthor(owner, "ada-lovelace")).toEqual({ ok: true, message: "Unfollowed Ada Lovelace." });
    expect(await unfollowAuthor(owner, "ada-lovelace")).toEqual({
      ok: true,
      message: "Not followed (already removed).",
    });
  });
});

describe("saved searches", () => {
  it("saves with a name, refuses a duplicate, and stops at the limit with a clear message", async () => {
    const user = await createUser(testDb.pool, "saver@example.org");
    const owner = ownerForUser(user.id);
    expect(await saveSearch(owner, { name: "<b>Video</b>", q: "video", hasCode: "" })).toMatchObject({
      ok: true,
      message: "Saved “<b>Video</b>”: its new papers come in your digest.",
    });
    expect(await saveSearch(owner, { name: "again", q: "video" })).toEqual({
      ok: false,
      error: "This search is already saved as “<b>Video</b>”.",
      fieldErrors: {},
    });
    for (let i = 1; i < MAX_SAVED_SEARCHES; i++) expect((await saveSearch(owner, { q: `word${i}` })).ok).toBe(true);
    expect(await saveSearch(owner, { q: "one too many" })).toEqual({
      ok: false,
      error: "You have 100 saved searches, the limit: remove one you no longer need, then save this one.",
      fieldErrors: {},
    });
    expect(await saveSearch(owner, { q: "x".repeat(501) })).toMatchObject({
      ok: false,
      fieldErrors: { q: "A search can be at most 500 characters long; shorten it." },
    });
    const list = await savedSearches(owner);
    expect(list).toHaveLength(100);
    expect(list[0]).toMatchObject({ name: "<b>Video</b>", href: "/search?q=video" });
    expect(list[0]!.newest.map((p) => p.id).sort()).toEqual([ids.ada1, ids.ada2, ids.video].sort());
    expect(await removeSavedSearch(owner, list[0]!.id)).toEqual({
      ok: true,
      message: "Removed the saved search “<b>Video</b>”.",
    });
    expect(await removeSavedSearch(owner, list[0]!.id)).toEqual({
      ok: true,
      message: "That saved search was already removed.",
    });
  });

  it("runs each distinct search once over the period's candidates", async () => {
    const matches = await matchSavedSearches(
      testDb.pool,
      ["q=video", "q=video", "q=author%3A%22ada+lovelace%22+grounding", "hasCode=1"],
      [ids.ada1!, ids.ada2!, ids.video!, ids.other!],
    );
    expect([...matches.keys()]).toHaveLength(3);
    expect([...matches.get("q=video")!].sort()).toEqual([ids.ada1, ids.ada2, ids.video].sort());
    expect([...matches.get("q=author%3A%22ada+lovelace%22+grounding")!]).toEqual([ids.ada2]);
    expect(matches.get("hasCode=1")!.size).toBe(0);
  });
});

describe("subscribers without an account (the preferences link)", () => {
  it("follow and save for the subscription; an unsubscribed address is refused, an unknown link is a 404", async () => {
    const [active, gone] = await addSubscribers(testDb.pool, 2, (i) => ({
      status: i === 0 ? "CONFIRMED" : "UNSUBSCRIBED",
    }));
    const found = await ownerForToken(await tokenOf(active!), { adding: true });
    expect(found).toEqual({ ok: true, owner: { subscriberId: active } });
    const refused = await ownerForToken(await tokenOf(gone!), { adding: true });
    expect(refused).toEqual({
      ok: false,
      status: 410,
      error: "This address is unsubscribed: subscribe again before following authors or saving searches.",
    });
    expect((await ownerForToken(await tokenOf(gone!), { adding: false })).ok).toBe(true);
    expect(await ownerForToken("not-a-token", { adding: true })).toMatchObject({ ok: false, status: 404 });
    expect(await setDigestSections({ token: "not-a-token" }, { authors: true, searches: true })).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

describe("the digest's new sections", () => {
  it("sends followed authors' and saved searches' new papers once per email, as chosen, and never again", async () => {
    await testDb.pool.query(`UPDATE paper SET created_at = now() - interval '1 hour'`);
    const [reader, optedOut] = await addSubscribers(testDb.pool, 2);
    for (const id of [reader!, optedOut!]) {
      const owner = { subscriberId: id };
      await followAuthor(owner, "Ada Lovelace");
      await saveSearch(owner, { name: "Video work", q: "video" });
    }
    await setDigestSections({ token: await tokenOf(optedOut!) }, { authors: false, searches: false });
    expect(await digestSections({ token: await tokenOf(optedOut!) })).toEqual({ authors: false, searches: false });

    const period = digestPeriod("daily", new Date(`${DAY}T12:00:00Z`), DAY);
    const planned: PlannedDigest[] = [];
    await planPeriod(testDb.pool, { period, topN: 1, subscriberId: reader, onPlanned: (p) => planned.push(p) });
    const { selection } = planned[0]!;
    // The top paper is the hottest of the day (p31, Ada's); her other paper fills the authors' section; the search gets the rest.
    expect(selection.top).toEqual([ids.ada1]);
    expect(selection.sections).toEqual([
      { followedAuthors: true, ids: [ids.ada2] },
      { searchId: expect.any(Number), ids: [ids.video] },
    ]);

    const optedOutPlan: PlannedDigest[] = [];
    await planPeriod(testDb.pool, {
      period,
      topN: 1,
      subscriberId: optedOut,
      dryRun: true,
      onPlanned: (p) => optedOutPlan.push(p),
    });
    expect(optedOutPlan[0]!.selection.sections).toEqual([]);

    // After sending, those papers count as sent: a later period with them still in its window leaves them out.
    await testDb.pool.query(`INSERT INTO sent_paper (subscriber_id, paper_id) SELECT $1, unnest($2::int[])`, [
      reader,
      [ids.ada1, ids.ada2, ids.video],
    ]);
    await testDb.pool.query(`DELETE FROM digest_delivery`);
    const later: PlannedDigest[] = [];
    await planPeriod(testDb.pool, {
      period,
      topN: 1,
      subscriberId: reader,
      dryRun: true,
      onPlanned: (p) => later.push(p),
    });
    const again = [...later[0]!.selection.top, ...later[0]!.selection.sections.flatMap((s) => s.ids)];
    expect(again).not.toContain(ids.ada1);
    expect(again).not.toContain(ids.ada2);
    expect(again).not.toContain(ids.video);
  });
});
