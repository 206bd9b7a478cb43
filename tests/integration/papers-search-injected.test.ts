// A search made with createPaperSearch runs on the client it is given, with the word statistics and
// tuning figures it is given: nothing it decides with is hidden in the module.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../lib/db/generated/client";
import { createPaperSearch } from "../../lib/papers/search";
import { SEARCH_TUNING } from "../../lib/papers/search/tuning";
import type { WordStats } from "../../lib/papers/search/word-stats";
import { setUpTestDatabase } from "../support/database";

const testDb = setUpTestDatabase();
let client: PrismaClient;

beforeAll(async () => {
  client = new PrismaClient({ adapter: new PrismaPg({ connectionString: testDb.url }) });
  // 30 papers about zebras, one a day, newest last (the trigger computes search_vector).
  await testDb.pool.query(
    `INSERT INTO paper (slug, title_key, title, abstract, first_seen)
     SELECT 'zebra-' || g, 'zebra ' || g, 'Zebra study ' || g, 'We count the zebra herd number ' || g, date '2025-01-01' + g
     FROM generate_series(1, 30) AS g`,
  );
  await testDb.pool.query("ANALYZE paper");
});

afterAll(async () => {
  await client.$disconnect();
});

const query = { q: "zebra", hasCode: false, page: 1, pageSize: 10 };

describe("a search created with its client", () => {
  it("asks the word statistics it was given, once per search, and ranks every match exactly", async () => {
    let asked = 0;
    const noStatistics: WordStats = {
      shares: async () => {
        asked += 1;
        return null;
      },
    };
    const search = createPaperSearch(client, { wordStats: noStatistics });
    const first = await search.search(query);
    expect(first).toMatchObject({ mode: "fulltext", total: 30, pageCount: 3 });
    await search.search({ ...query, page: 2 });
    expect(asked).toBe(2);
  });

  it("decides with the tuning it was given: a smaller exact limit ranks only the newest window", async () => {
    const tuning = { ...SEARCH_TUNING, exactLimit: 10, rankedWindow: 5 };
    const result = await createPaperSearch(client, { tuning }).search(query);
    expect(result.total).toBeGreaterThan(10);
    // The window is the 5 newest papers (all equal in score, so newest first), then older ones newest first.
    expect(result.papers.map((paper) => paper.slug)).toEqual(Array.from({ length: 10 }, (_, i) => `zebra-${30 - i}`));
  });
});
