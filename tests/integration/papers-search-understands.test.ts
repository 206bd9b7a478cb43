// Search that understands what people type (issue 13), on the sample digest plus two made-up papers:
// descriptive queries, the closest matches, the thesaurus, words still being typed, "Did you mean",
// "search all, best first", the vocabulary the importer keeps, and bad input (never an error).
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../app/api/papers/route";
import { PrismaClient } from "../../lib/db/generated/client";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { createPaperSearch, searchPapers, type SearchResult } from "../../lib/papers/search";
import { SEARCH_TUNING } from "../../lib/papers/search/tuning";
import type { SearchQuery } from "../../lib/papers/search-params";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();
const ZYZZYVA = "Zyzzyva Sampling for Diffusion";

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  await importDigest(
    testDb.pool,
    textSource(
      "may-2.txt",
      digestText("2025-05-02", [{ title: ZYZZYVA, abstract: "Zyzzyva sampling makes diffusion models draw faster." }]),
    ),
    { today: "2025-05-06", importedBy: "cli:test" },
  );
  await testDb.pool.query("ANALYZE paper");
});

const query = (q: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  q,
  hasCode: false,
  page: 1,
  pageSize: 10,
  ...extra,
});
const titles = (result: SearchResult) => result.papers.map((paper) => paper.title);

describe("queries in the reader's own words", () => {
  it("a description finds the paper: satellite photos -> GeoPix, pictures in a conversation -> DialogGen", async () => {
    expect(titles(await searchPapers(query("a model that answers questions about satellite photos")))[0]).toMatch(
      /^GeoPix:/,
    );
    expect(titles(await searchPapers(query("generating pictures during a conversation")))[0]).toMatch(/^DialogGen:/);
  });

  it("when no paper has every word, the closest come first and the result says so", async () => {
    const result = await searchPapers(query("mamba radiology"));
    expect(result).toMatchObject({ mode: "closest", allWords: 0 });
    expect(titles(result).slice(0, 2).sort()).toEqual([
      expect.stringMatching(/^Libra:/),
      expect.stringMatching(/^ML-Mamba:/),
    ]);
    for (const paper of result.papers) expect(paper.rank).toBeLessThan(1);
  });

  it("a paper with every word still comes first and alone when enough have them", async () => {
    const result = await searchPapers(query("remote sensing"));
    expect(result.mode).toBe("fulltext");
    expect(titles(result)[0]).toMatch(/^GeoPix:/);
  });

  it("expands acronyms: MoE finds the mixture-of-experts papers, and highlights the expansion", async () => {
    const result = await searchPapers(query("moe"));
    expect(titles(result)).toContain("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    expect(result.terms).toEqual(expect.arrayContaining(["mixture", "experts"]));
  });

  it("a last word still being typed matches as a prefix", async () => {
    const result = await searchPapers(query("remote sens"));
    expect(titles(result)[0]).toMatch(/^GeoPix:/);
    expect(result.suggestion).toBeNull();
    expect((await searchPapers(query("multimod"))).total).toBeGreaterThan(50);
  });

  it("a misspelled word gets the catalogue's spelling as 'Did you mean' and still finds the paper", async () => {
    const result = await searchPapers(query("radiolgy report"));
    expect(result.suggestion).toBe("radiology report");
    expect(
      titles(result)
        .slice(0, 3)
        .some((title) => title.startsWith("Libra:")),
    ).toBe(true);
    // Another form of a known word is no misspelling.
    expect((await searchPapers(query("noticing small details"))).suggestion).toBeNull();
  });

  it("the vocabulary grows with each import (a word only the made-up paper has)", async () => {
    const { rows } = await testDb.pool.query<{ papers: number }>(
      "SELECT papers FROM search_word WHERE word = 'zyzzyva'",
    );
    expect(rows).toEqual([{ papers: 1 }]);
    const result = await searchPapers(query("zyzzyve sampling"));
    expect(result.suggestion).toBe("zyzzyva sampling");
    expect(titles(result)[0]).toBe(ZYZZYVA);
  });

  it("the vocabulary takes a title's words of 3 to 32 letters, accents included, and nothing else", async () => {
    const thirtyTwo = "abcdefghij".repeat(3) + "ab";
    const { rows } = await testDb.pool.query<{ words: string[] | null }>(
      `SELECT array_agg(w ORDER BY w) AS words FROM search_words_of($1) AS w`,
      [`An ok GPT-4o model: Café résumé naïve 3D ${thirtyTwo} ${thirtyTwo}c`],
    );
    expect(rows[0]!.words).toEqual([thirtyTwo, "café", "gpt", "model", "naïve", "résumé"]);
    const none = await testDb.pool.query(`SELECT count(*)::int AS n FROM search_words_of(NULL)`);
    expect(none.rows[0].n).toBe(0);
  });
});

describe("common queries: the newest matches, or all of them best first", () => {
  let client: PrismaClient;
  beforeAll(() => {
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDb.url }) });
  });
  afterAll(() => client.$disconnect());

  it("with more matches than are ranked exactly, says it ranked the newest; rank=all ranks them all", async () => {
    const search = createPaperSearch(client, {
      tuning: { ...SEARCH_TUNING, exactLimit: 10, rankedWindow: 5, probeEstimate: 5, probePostings: 5 },
    });
    const newest = await search.search(query("multimodal"));
    expect(newest.ranking).toBe("newest");
    const all = await search.search(query("multimodal", { exhaustive: true }));
    expect(all).toMatchObject({ ranking: "exact", exhaustiveTimedOut: false, mode: "fulltext" });
    const { rows } = await testDb.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM paper WHERE search_vector @@ to_tsquery('english', 'multimod')",
    );
    expect(all.total).toBe(rows[0]!.n);
    const ranks = all.papers.map((paper) => paper.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const past = await search.search(query("multimodal", { exhaustive: true, page: 999 }));
    expect(past.page).toBe(past.pageCount);
    expect(past.papers.length).toBeGreaterThan(0);
  });
});

describe("bad input: a clear result, never an error", () => {
  const bad: [string, string][] = [
    ["only stop words", "the of and which were"],
    ["only punctuation", "?!.,;:()[]{}—…"],
    ["500 characters of one word", "multimodal ".repeat(46).slice(0, 500)],
    ["a word of 200 letters", "a".repeat(200)],
    ["mixed scripts", "多模态 multimodal модель μοντέλο"],
    ["emoji", "🛰️📷🤖 satellite 🚀"],
    ["only emoji", "🛰️📷🤖"],
  ];

  it.each(bad)("%s: a result from search and 200 from the API", async (_, q) => {
    const result = await searchPapers(query(q));
    expect(result.total).toBeGreaterThanOrEqual(result.papers.length);
    const response = await GET(new Request(`http://localhost/api/papers?q=${encodeURIComponent(q)}`));
    expect(response.status).toBe(200);
  });

  it("stop words, punctuation or emoji only: an empty result with nothing to suggest", async () => {
    for (const q of ["the of and which were", "?!.,;:()[]{}—…", "🛰️📷🤖"]) {
      expect(await searchPapers(query(q))).toMatchObject({ papers: [], total: 0, mode: "fulltext", suggestion: null });
    }
  });

  it("a word of 200 letters is no typo: nothing found, nothing suggested", async () => {
    expect(await searchPapers(query("a".repeat(200)))).toMatchObject({ total: 0, suggestion: null });
  });

  it("a repeated word is one word; mixed scripts keep the words the catalogue has", async () => {
    expect((await searchPapers(query("multimodal ".repeat(46).slice(0, 500)))).total).toBe(
      (await searchPapers(query("multimodal"))).total,
    );
    expect((await searchPapers(query("🛰️📷🤖 satellite 🚀"))).papers[0]!.title).toMatch(/^GeoPix:/);
    expect((await searchPapers(query("多模态 multimodal модель μοντέλο"))).total).toBeGreaterThan(0);
  });

  it("the API rejects an unknown rank value and accepts rank=all", async () => {
    expect((await GET(new Request("http://localhost/api/papers?q=video&rank=best"))).status).toBe(400);
    expect((await GET(new Request("http://localhost/api/papers?q=video&rank=all"))).status).toBe(200);
  });
});
