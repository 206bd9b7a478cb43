// Fuzzy title matching has a time budget: a word whose trigrams are in most titles must give an empty
// suggestion list, not an error page (at a million papers it took 9 s and Prisma gave up with a 500).
import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../lib/db/generated/client";
import { fuzzyMatches, searchPapers } from "../../lib/papers/search";
import { setUpTestDatabase } from "../support/database";

const testDb = setUpTestDatabase();

beforeAll(async () => {
  // Straight to the table (the trigger computes search_vector). Every title shares "observations".
  await testDb.pool.query(
    `INSERT INTO paper (slug, title_key, title, abstract, first_seen)
     SELECT 'paper-' || g, 'paper ' || g, 'Paper ' || g || ' on observations of the sky', 'report number ' || g, date '2025-01-01' + g / 2000
     FROM generate_series(1, 40000) AS g`,
  );
  await testDb.pool.query("ANALYZE paper");
});

describe("fuzzy title matching's time budget", () => {
  it("a similarity scan that outlasts its budget yields no suggestions instead of an error", async () => {
    await expect(fuzzyMatches("observatons", Prisma.empty, 20, 1)).resolves.toEqual([]);
  });

  it("within the budget the same typo finds the titles", async () => {
    // A budget no busy machine outlasts: this checks what the scan finds, not how fast (the 1 s default
    // is a production figure; on a loaded 2-core CI box this scan alone can take longer).
    const found = await fuzzyMatches("observatons", Prisma.empty, 20, 60_000);
    expect(found).toHaveLength(20);
  });

  it("a search whose words match nothing still answers with a page", async () => {
    const result = await searchPapers({ q: "observatons", page: 1, pageSize: 20, hasCode: false });
    expect(result.papers.length).toBeGreaterThan(0);
    // The typo is corrected from the catalogue's own words (issue 13) and the correction is searched.
    expect(result.suggestion).toContain("observations");
  });
});
