// "Newest first" lists (lib/papers/newest-order.ts): home's New, /feed.xml and a tag's New keep each day in its digest's order.
import { beforeAll, describe, expect, it } from "vitest";
import * as papersApi from "../../app/api/papers/route";
import * as latestRoute from "../../app/feed.xml/route";
import { importDigest } from "../../lib/ingest/import";
import { authorPage, newestPapersByAuthor } from "../../lib/authors/queries";
import { followAuthor, followedAuthors } from "../../lib/follows/authors";
import { ownerForUser } from "../../lib/follows/owner";
import { savedSearches, saveSearch } from "../../lib/saved-searches/store";
import { digestByDate } from "../../lib/papers/digests";
import { latestPapers } from "../../lib/papers/latest";
import { rankedPapers } from "../../lib/papers/ranked";
import { newestPapersByTag, papersByTag } from "../../lib/tags/queries";
import { elementTexts, rssItems } from "../unit/feeds/well-formed-xml";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";
import { createUser } from "./helpers/users";

const testDb = setUpTestDatabase();
const options = { today: "2025-12-31", importedBy: "cli:test" };

// Every title says "video": the video topic tags them all, so a tag page lists the same papers.
const title = (name: string) => `Video Ordering ${name}`;
const file = (date: string, names: string[]) =>
  digestText(
    date,
    names.map((name) => ({ title: title(name), abstract: `A video study called ${name}.` })),
  );

beforeAll(async () => {
  const days: [string, string, string[]][] = [
    // June 3 first: Echo gets a lower id than every paper of June 1 and 2.
    ["jun-3.txt", "2025-06-03", ["Delta", "Echo"]],
    ["jun-1.txt", "2025-06-01", ["Alpha", "Bravo", "Charlie"]],
    // Imported after June 3, June 2 also lists Echo (second): Echo was first seen on June 2 after all.
    ["jun-2.txt", "2025-06-02", ["Foxtrot", "Echo", "Golf"]],
    // A later file for June 2: Hotel is appended after the day's papers.
    ["jun-2-later.txt", "2025-06-02", ["Hotel", "Foxtrot"]],
  ];
  for (const [name, date, names] of days) {
    expect((await importDigest(testDb.pool, textSource(name, file(date, names)), options)).status).toBe("IMPORTED");
  }
});

const NEWEST = ["Delta", "Foxtrot", "Echo", "Golf", "Hotel", "Alpha", "Bravo", "Charlie"].map(title);
const titles = (papers: { title: string }[]) => papers.map((paper) => paper.title);

describe("newest first, each day in its digest's order", () => {
  it("the digest pages: a later file's papers come after the day's own", async () => {
    const day = async (date: string) => titles((await digestByDate(date, "digest"))!.papers);
    expect(await day("2025-06-03")).toEqual(["Delta", "Echo"].map(title));
    expect(await day("2025-06-02")).toEqual(["Foxtrot", "Echo", "Golf", "Hotel"].map(title));
    expect(await day("2025-06-01")).toEqual(["Alpha", "Bravo", "Charlie"].map(title));
  });

  it("home's New lists each paper in the digest of the day it was first seen, at its place there", async () => {
    expect(titles((await rankedPapers({ sort: "new" })).papers)).toEqual(NEWEST);
    const pages = [1, 2, 3].map((page) => rankedPapers({ sort: "new", page, pageSize: 3 }));
    expect((await Promise.all(pages)).flatMap((page) => titles(page.papers))).toEqual(NEWEST);
  });

  it("/feed.xml lists the papers in the same order", async () => {
    expect(titles(await latestPapers(50))).toEqual(NEWEST);
    const xml = await (await latestRoute.GET()).text();
    expect(rssItems(xml).map((item) => elementTexts(item, "title")[0])).toEqual(NEWEST);
  });

  it("the API's newest list, with and without a filter, lists the papers in the same order", async () => {
    for (const query of ["?sort=new", "?from=2025-06-01"]) {
      const response = await papersApi.GET(new Request(`http://localhost/api/papers${query}`));
      expect(titles(((await response.json()) as { papers: { title: string }[] }).papers), query).toEqual(NEWEST);
    }
  });

  it("a tag's New and its feed list the papers in the same order", async () => {
    expect(titles((await papersByTag("video"))!.papers)).toEqual(NEWEST);
    expect(titles((await newestPapersByTag("video", 50))!.papers)).toEqual(NEWEST);
  });

  it("a saved search's newest papers (on /me and the preferences page) come in the same order", async () => {
    const owner = ownerForUser((await createUser(testDb.pool, "order-saver@example.org")).id);
    expect((await saveSearch(owner, { q: "ordering", name: "Ordering" })).ok).toBe(true);
    const [saved] = await savedSearches(owner);
    expect(titles(saved!.newest)).toEqual(NEWEST.slice(0, saved!.newest.length));
  });

  it("an author's page, feed and follow list the papers in the same order", async () => {
    // One author wrote every paper (the digest text has no authors: give them one, as an import of JSON would).
    await testDb.pool.query(`UPDATE paper SET authors = ARRAY['Vera Order'] WHERE title LIKE 'Video Ordering %'`);
    expect(titles((await authorPage("vera-order", 1))!.papers)).toEqual(NEWEST);
    expect(titles((await newestPapersByAuthor("vera-order", 50))!.papers)).toEqual(NEWEST);
    const owner = ownerForUser((await createUser(testDb.pool, "order-reader@example.org")).id);
    expect((await followAuthor(owner, "vera-order")).ok).toBe(true);
    const [followed] = await followedAuthors(owner);
    expect(titles(followed!.newest)).toEqual(NEWEST.slice(0, followed!.newest.length));
  });
});
