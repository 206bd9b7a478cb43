// Common queries on a catalogue with planner statistics, big enough that search reads the newest
// matches above an id floor (paper_search_newest) instead of every match: the window must still be
// exactly the newest RANKED_WINDOW matches, and a conjunction of common words that few papers hold
// together must still be ranked and counted exactly.
import { beforeAll, describe, expect, it } from "vitest";
import { EXACT_LIMIT, RANKED_WINDOW, searchPapers } from "../../lib/papers/search";
import { setUpTestDatabase } from "../support/database";

const testDb = setUpTestDatabase();
const PAPERS = 14_000;

beforeAll(async () => {
  // Written straight to the table (the trigger computes search_vector): far quicker than importing.
  // first_seen grows with id, one day per 2,000 papers.
  //  - "alpha" in even papers, "beta" in odd ones, both only in the 40 papers with g % 350 = 3: the
  //    planner, assuming independent words, estimates thousands of papers with both;
  //  - "walrus" in every 4th of the oldest 10,000 papers but only every 100th of the newest 4,000:
  //    the density of the first matches on disk overstates the newest ones 25 times;
  //  - "Walrus" also in the titles of every 1,000th paper.
  await testDb.pool.query(
    `INSERT INTO paper (slug, title_key, title, abstract, first_seen)
     SELECT 'paper-' || g, 'paper ' || g,
            'Paper ' || g || CASE WHEN g % 1000 = 0 THEN ' on the Walrus' ELSE ' on observations' END,
            CASE WHEN g % 2 = 0 THEN 'alpha' ELSE 'beta' END || CASE WHEN g % 350 = 3 THEN ' alpha' ELSE '' END
              || ' report number ' || g
              || CASE WHEN (g <= 10000 AND g % 4 = 0) OR (g > 10000 AND g % 100 = 0) THEN ' about the walrus' ELSE '' END,
            date '2025-01-01' + g / 2000
     FROM generate_series(1, $1::int) AS g`,
    [PAPERS],
  );
  await testDb.pool.query("ANALYZE paper");
});

/** Ids of the newest `n` papers matching a tsquery, newest first (first_seen, then id). */
async function newestIds(tsquery: string, n: number): Promise<number[]> {
  const { rows } = await testDb.pool.query<{ id: number }>(
    `SELECT id FROM paper WHERE search_vector @@ $1::tsquery ORDER BY first_seen DESC, id DESC LIMIT $2`,
    [tsquery, n],
  );
  return rows.map((row) => row.id);
}

describe("the newest matches of a common query, above an id floor", () => {
  it("the window is exactly the newest RANKED_WINDOW matches, even where the newest ids hold few of them", async () => {
    const pageSize = 50;
    const seen: number[] = [];
    for (let page = 1; page <= RANKED_WINDOW / pageSize; page++) {
      const result = await searchPapers({ q: "walrus", hasCode: false, page, pageSize });
      expect(result.mode).toBe("fulltext");
      expect(result.total).toBeGreaterThan(EXACT_LIMIT);
      seen.push(...result.papers.map((paper) => paper.id));
    }
    const expected = await newestIds("walrus", RANKED_WINDOW);
    expect(new Set(seen).size).toBe(RANKED_WINDOW);
    expect([...seen].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    // The oldest of them is well below the newest 4,000 ids: the floor had to come down.
    expect(Math.min(...expected)).toBeLessThan(PAPERS - 4000);
  });

  it("ranks the window: the title matches in it first, newest first among equals", async () => {
    const result = await searchPapers({ q: "walrus", hasCode: false, page: 1, pageSize: 10 });
    const window = new Set(await newestIds("walrus", RANKED_WINDOW));
    const titled = (await newestIds("walrus", 10_000)).filter((id) => id % 1000 === 0 && window.has(id));
    expect(titled.length).toBeGreaterThan(1);
    expect(result.papers.slice(0, titled.length).map((paper) => paper.id)).toEqual(titled);
    for (const paper of result.papers.slice(0, titled.length)) expect(paper.title).toMatch(/Walrus/);
  });

  it("pages past the window continue with the older matches, newest first", async () => {
    const result = await searchPapers({ q: "walrus", hasCode: false, page: RANKED_WINDOW / 50 + 1, pageSize: 50 });
    expect(result.papers.map((paper) => paper.id)).toEqual(
      (await newestIds("walrus", RANKED_WINDOW + 50)).slice(RANKED_WINDOW),
    );
  });
});

describe("common words that few papers hold together", () => {
  it("are ranked and counted exactly, however many the planner expected", async () => {
    const { rows } = await testDb.pool.query<{ plan: { Plan: { "Plan Rows": number } }[] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM paper WHERE search_vector @@ 'alpha & beta'::tsquery`,
    );
    // The premise: the planner expects far more than are there (so no exact read up front).
    expect(rows[0]!["QUERY PLAN" as "plan"][0]!.Plan["Plan Rows"]).toBeGreaterThan(1000);

    const result = await searchPapers({ q: "alpha beta", hasCode: false, page: 1, pageSize: 50 });
    expect(result).toMatchObject({ mode: "fulltext", total: 40, pageCount: 1 });
    const both = await newestIds("alpha & beta", 100);
    expect(both).toHaveLength(40);
    // All equal in score (abstract-only, same words): newest first.
    expect(result.papers.map((paper) => paper.id)).toEqual(both);

    const second = await searchPapers({ q: "alpha beta", hasCode: false, page: 2, pageSize: 25 });
    expect(second).toMatchObject({ page: 2, total: 40, pageCount: 2 });
    expect(second.papers.map((paper) => paper.id)).toEqual(both.slice(25));
  });
});
