// A digest bigger than one page: the home and digest pages show it 100 papers at a time.
import { describe, expect, it } from "vitest";
import { importDigest } from "../../lib/ingest/import";
import { digestByDate } from "../../lib/papers/digests";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const testDb = setUpTestDatabase();
const options = { today: "2025-05-10", importedBy: "cli:test" };

describe("a large digest", () => {
  it("pages a large digest 100 papers at a time, in digest order, clamping pages past the end", async () => {
    const titles = Array.from({ length: 130 }, (_, i) => `Paging Paper ${i + 1} On Long Digests`);
    await importDigest(
      testDb.pool,
      textSource(
        "big.txt",
        digestText(
          "2024-01-15",
          titles.map((title) => ({ title, abstract: `About ${title}, in detail.` })),
        ),
      ),
      options,
    );
    const first = await digestByDate("2024-01-15", "digest");
    expect(first).toMatchObject({ total: 130, page: 1, pageCount: 2, offset: 0 });
    expect(first!.papers.map((paper) => paper.title)).toEqual(titles.slice(0, 100));

    const second = await digestByDate("2024-01-15", "digest", 2);
    expect(second).toMatchObject({ total: 130, page: 2, pageCount: 2, offset: 100 });
    expect(second!.papers.map((paper) => paper.title)).toEqual(titles.slice(100));

    expect(await digestByDate("2024-01-15", "digest", 99)).toMatchObject({ page: 2, offset: 100 });
    expect(await digestByDate("2024-01-15", "digest", -3)).toMatchObject({ page: 1, offset: 0 });
  });
});
