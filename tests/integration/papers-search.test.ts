// Search through searchPapers against a real catalogue: the sample digest plus a few made-up papers.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import type { SearchQuery } from "../../lib/papers/search-params";
import { parseSearchParams } from "../../lib/papers/search-params";
import { searchPapers, type SearchResult } from "../../lib/papers/search";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const testDb = setUpTestDatabase();

const QUOKKA_TITLE = "Quokka Attention: Sparse Routing for Efficient Transformers";
const ABSTRACT_ONLY_TITLE = "Efficient Routing in Mixture Models";

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  await importDigest(
    testDb.pool,
    textSource(
      "may-2.txt",
      digestText("2025-05-02", [
        {
          title: QUOKKA_TITLE,
          abstract: "We propose a routing scheme for attention layers that is cheap and accurate.",
        },
        {
          title: ABSTRACT_ONLY_TITLE,
          abstract:
            "Quokka quokka quokka: the quokka routing of quokka experts beats quokka baselines on quokka tasks.",
        },
        {
          title: "Wombat Vision Transformer for Satellite Images",
          abstract: "A vision transformer for satellite imagery. Code: https://github.com/example/wombat",
        },
        {
          title: "Transformer Vision Systems Revisited",
          abstract: "Revisiting transformer systems for vision in robotics.",
        },
      ]),
    ),
    { today: "2025-05-06", importedBy: "cli:test" },
  );
});

const query = (q: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  q,
  hasCode: false,
  page: 1,
  pageSize: 20,
  ...extra,
});
const titles = (result: SearchResult) => result.papers.map((paper) => paper.title);
/** Full-text hits only (rank >= 1): a query with fewer matches than a page also gets similar titles after them. */
const fullTextTitles = (result: SearchResult) =>
  result.papers.filter((paper) => paper.rank >= 1).map((paper) => paper.title);

describe("full-text search", () => {
  it("ranks a title match above an abstract-only match, however often the abstract repeats the word", async () => {
    const result = await searchPapers(query("quokka"));
    expect(result.mode).toBe("fulltext");
    expect(fullTextTitles(result)).toEqual([QUOKKA_TITLE, ABSTRACT_ONLY_TITLE]);
    expect(result.papers[0]!.rank).toBeGreaterThan(result.papers[1]!.rank);
    expect(result.terms).toContain("quokka");
  });

  it("finds Video-MME among the top results for 'video benchmark' in the sample", async () => {
    const result = await searchPapers(query("video benchmark"));
    expect(result.mode).toBe("fulltext");
    expect(
      titles(result)
        .slice(0, 3)
        .some((title) => title.startsWith("Video-MME:")),
    ).toBe(true);
    expect(result.terms).toEqual(expect.arrayContaining(["video", "benchmark"]));
  });

  it("treats quotes as a phrase, OR as either word and a leading minus as exclusion", async () => {
    const phrase = await searchPapers(query('"vision transformer"'));
    expect(fullTextTitles(phrase)).toContain("Wombat Vision Transformer for Satellite Images");
    expect(fullTextTitles(phrase)).not.toContain("Transformer Vision Systems Revisited");

    const both = await searchPapers(query("vision transformer"));
    expect(fullTextTitles(both)).toEqual(
      expect.arrayContaining([
        "Wombat Vision Transformer for Satellite Images",
        "Transformer Vision Systems Revisited",
      ]),
    );

    const either = await searchPapers(query("quokka OR wombat"));
    expect(new Set(fullTextTitles(either))).toEqual(
      new Set([QUOKKA_TITLE, ABSTRACT_ONLY_TITLE, "Wombat Vision Transformer for Satellite Images"]),
    );

    const excluded = await searchPapers(query("quokka -attention"));
    expect(fullTextTitles(excluded)).toEqual([ABSTRACT_ONLY_TITLE]);
    expect(excluded.terms).not.toContain("attention");
  });

  it("filters by code link and by first-seen date range, inclusive", async () => {
    const withCode = await searchPapers(query("multimodal", { hasCode: true, pageSize: 50 }));
    expect(withCode.total).toBeGreaterThan(0);
    for (const paper of withCode.papers) expect(paper.links.some((link) => link.kind === "CODE")).toBe(true);
    const all = await searchPapers(query("multimodal", { pageSize: 50 }));
    expect(withCode.total).toBeLessThan(all.total);

    const may2 = await searchPapers(query("transformer", { from: "2025-05-02", to: "2025-05-02" }));
    expect(may2.total).toBeGreaterThan(0);
    for (const paper of may2.papers) expect(paper.firstSeen).toBe("2025-05-02");
    const april = await searchPapers(query("quokka", { to: "2025-04-30" }));
    expect(fullTextTitles(april)).toEqual([]);
    for (const paper of april.papers) expect(paper.firstSeen).toBe("2025-04-30");
    const fromMay = await searchPapers(query("quokka", { from: "2025-05-02" }));
    expect(fullTextTitles(fromMay)).toHaveLength(2);
  });

  it("pages through results: every page distinct, a page past the end shows the last page, pageSize is capped", async () => {
    const first = await searchPapers(query("multimodal", { pageSize: 10 }));
    expect(first.total).toBeGreaterThan(20);
    expect(first.pageCount).toBe(Math.ceil(first.total / 10));
    const seen = new Set<string>();
    for (let page = 1; page <= first.pageCount; page++) {
      const result = await searchPapers(query("multimodal", { pageSize: 10, page }));
      expect(result.page).toBe(page);
      expect(result.papers.length).toBe(page < first.pageCount ? 10 : first.total - 10 * (first.pageCount - 1));
      for (const paper of result.papers) seen.add(paper.slug);
    }
    expect(seen.size).toBe(first.total);

    const past = await searchPapers(query("multimodal", { pageSize: 10, page: 9999 }));
    expect(past.page).toBe(first.pageCount);
    expect(past.papers.length).toBeGreaterThan(0);

    const huge = await searchPapers(query("multimodal", { pageSize: 5000 }));
    expect(huge.pageSize).toBe(50);
    expect(huge.papers.length).toBeLessThanOrEqual(50);
  });

  it("with no query lists the newest papers with the filters, newest first", async () => {
    const result = await searchPapers(query("", { pageSize: 5 }));
    expect(result.mode).toBe("latest");
    expect(result.total).toBe(98);
    expect(result.papers.map((paper) => paper.firstSeen)).toEqual(Array(4).fill("2025-05-02").concat(["2025-04-30"]));
    const coded = await searchPapers(query("", { hasCode: true, to: "2025-04-30", pageSize: 50 }));
    expect(coded.total).toBeGreaterThan(0);
    for (const paper of coded.papers) {
      expect(paper.firstSeen).toBe("2025-04-30");
      expect(paper.links.some((link) => link.kind === "CODE")).toBe(true);
    }
  });
});

describe("fuzzy title matching", () => {
  it("finds multimodal benchmarks for 'multimodel benchmark' and offers the catalogue's spelling", async () => {
    const result = await searchPapers(query("multimodel benchmark"));
    expect(result.suggestion).toBe("multimodal benchmark");
    expect(result.papers.length).toBeGreaterThan(0);
    expect(
      result.papers.slice(0, 5).some((paper) => /multimodal/i.test(paper.title) && /benchmark/i.test(paper.title)),
    ).toBe(true);
  });

  it("finds a paper from a misspelled title", async () => {
    const result = await searchPapers(query("Uni-MoE: Scalling Unifed Multimodel LLMs with Mixtur of Experts"));
    expect(result.papers[0]!.title).toBe("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
  });

  it("is only the fallback: a query with any full-text match shows just those", async () => {
    const result = await searchPapers(query("wombat"));
    expect(result).toMatchObject({ mode: "fulltext", total: 1 });
    expect(titles(result)).toEqual(["Wombat Vision Transformer for Satellite Images"]);
  });

  it("respects the filters", async () => {
    const result = await searchPapers(query("multimodel benchmark", { from: "2025-05-02" }));
    for (const paper of result.papers) expect(paper.firstSeen >= "2025-05-02").toBe(true);
  });
});

describe("odd input", () => {
  const odd = [
    "x".repeat(10_000),
    "word ".repeat(2_000),
    "!!! ??? ... ,,, ;;; ()[]{}",
    "'; DROP TABLE paper; --",
    "🚀🔥 multimodal 🤖",
    '"unbalanced quote',
    "'",
    '"',
    "-",
    "OR",
    "the of and",
    "a & b | !c <-> d:* ()",
    "\u0000null\u0000byte",
    "\\",
    "%_%",
    "-multimodal",
  ];
  it.each(odd.map((q) => [q.slice(0, 40), q]))("%s -> a result, never an error", async (_, q) => {
    const result = await searchPapers(query(q));
    expect(Array.isArray(result.papers)).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(result.papers.length);
    expect(result.pageCount).toBeGreaterThanOrEqual(1);
  });

  it("a query of only stop words or punctuation is an empty full-text result", async () => {
    for (const q of ["the of and", "!!! ???"]) {
      const result = await searchPapers(query(q));
      expect(result).toMatchObject({ papers: [], total: 0, mode: "fulltext" });
    }
  });

  it("still has its table after the SQL-looking query", async () => {
    const { rows } = await testDb.pool.query("SELECT count(*)::int AS n FROM paper");
    expect(rows[0].n).toBe(98);
  });
});

describe("search parameters from a URL", () => {
  it("strict mode names each bad value", () => {
    const result = parseSearchParams(
      { q: "x", page: "0", pageSize: "500", from: "2025-13-01", to: "yesterday", hasCode: "maybe" },
      { strict: true },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["from", "hasCode", "page", "pageSize", "to"]);
    expect(result.error).toMatch(/page/);
  });

  it("parsed parameters drive the search end to end", async () => {
    const parsed = parseSearchParams({ q: "quokka", pageSize: "1", page: "2" }, { strict: true });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = await searchPapers(parsed.query);
    expect(result).toMatchObject({ total: 2, page: 2, pageCount: 2 });
    expect(titles(result)).toEqual([ABSTRACT_ONLY_TITLE]);
  });
});
