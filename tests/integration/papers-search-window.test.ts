// Search for a word that matches more papers than are ranked exactly (EXACT_LIMIT): the newest
// RANKED_WINDOW matches are ranked, older matches follow newest first, the total is an estimate.
import { beforeAll, describe, expect, it } from "vitest";
import { importDigest } from "../../lib/ingest/import";
import { EXACT_LIMIT, RANKED_WINDOW, searchPapers, TOTAL_CAP } from "../../lib/papers/search";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const testDb = setUpTestDatabase();
const MANY = EXACT_LIMIT + 150;

beforeAll(async () => {
  const papers = Array.from({ length: MANY }, (_, i) => ({
    title: i === 10 ? "Zebra Stripes as a Benchmark" : `Study ${i} of Grassland Animals number ${i}`,
    abstract: `We observe the zebra herd ${i} in the savanna and report findings ${i}.${i % 3 === 0 ? " Code: https://github.com/example/zebra-" + i : ""}`,
  }));
  // Two digests, so first_seen differs: ids 1..200 on May 1, the rest on May 3.
  await importDigest(testDb.pool, textSource("a.txt", digestText("2025-05-01", papers.slice(0, 200))), {
    today: "2025-05-04",
    importedBy: "cli:test",
  });
  await importDigest(testDb.pool, textSource("b.txt", digestText("2025-05-03", papers.slice(200))), {
    today: "2025-05-04",
    importedBy: "cli:test",
  });
  await testDb.pool.query("ANALYZE paper");
});

describe("a query matching more papers than are ranked exactly", () => {
  it("reports a total above the exact limit, never above the cap, and pages that cover it", async () => {
    const result = await searchPapers({ q: "zebra", hasCode: false, page: 1, pageSize: 20 });
    expect(result.mode).toBe("fulltext");
    expect(result.total).toBeGreaterThan(EXACT_LIMIT);
    expect(result.total).toBeLessThanOrEqual(TOTAL_CAP);
    expect(result.pageCount).toBe(Math.ceil(result.total / 20));
    expect(result.papers).toHaveLength(20);
  });

  it("ranks the window (a title match first) and continues with older matches past it", async () => {
    const first = await searchPapers({ q: "zebra", hasCode: false, page: 1, pageSize: 50 });
    // "Zebra Stripes" is paper 11, first seen May 1: outside the newest window, so not boosted here...
    const windowTitles = first.papers.map((paper) => paper.title);
    expect(windowTitles).not.toContain("Zebra Stripes as a Benchmark");
    // ...and every window row is from the newest matches (May 3).
    for (const paper of first.papers) expect(paper.firstSeen).toBe("2025-05-03");

    const seen = new Set<number>();
    const pages = Math.ceil(MANY / 50);
    for (let page = 1; page <= pages; page++) {
      const result = await searchPapers({ q: "zebra", hasCode: false, page, pageSize: 50 });
      for (const paper of result.papers) seen.add(paper.id);
    }
    expect(seen.size).toBe(MANY);
    const afterWindow = await searchPapers({ q: "zebra", hasCode: false, page: RANKED_WINDOW / 50 + 1, pageSize: 50 });
    expect(afterWindow.papers.length).toBeGreaterThan(0);
  });

  it("a narrower query is ranked exactly and puts the paper with every word first, then the closest", async () => {
    const result = await searchPapers({ q: "zebra benchmark", hasCode: false, page: 1, pageSize: 20 });
    expect(result.papers[0]!.title).toBe("Zebra Stripes as a Benchmark");
    // One paper has both words: too few, so the closest matches follow it (issue 13).
    expect(result.allWords).toBe(1);
    expect(result.mode).toBe("closest");
  });

  it("filters apply inside the window", async () => {
    const result = await searchPapers({ q: "zebra", hasCode: true, page: 1, pageSize: 50 });
    for (const paper of result.papers) expect(paper.links.some((link) => link.kind === "CODE")).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(MANY / 3 - 1);
  });
});
