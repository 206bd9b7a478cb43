// The import history the admin pages show: every run newest first, paginated, and one run's papers and problems.
import { beforeAll, describe, expect, it } from "vitest";
import { importRunDetail, listImportRuns } from "../../lib/admin-import/history";
import { importDigest } from "../../lib/ingest/import";
import { setUpTestDatabase } from "../support/database";
import { digestText, textSource } from "./helpers/text-source";

const testDb = setUpTestDatabase();
const runIds: number[] = [];

beforeAll(async () => {
  const files = [
    textSource(
      "one.txt",
      digestText("May 1, 2025", [{ title: "First Paper", abstract: "One." }, { title: "Lonely Title" }]),
    ),
    textSource("bad.txt", new Uint8Array([0x00, 0x01, 0x02])),
    textSource(
      "two.txt",
      digestText("May 2, 2025", [
        { title: "Second Paper", abstract: "Two." },
        { title: "First Paper", abstract: "One." },
      ]),
    ),
  ];
  for (const [index, source] of files.entries()) {
    const run = await importDigest(testDb.pool, source, {
      today: "2025-05-03",
      importedBy: index === 2 ? "user:admin@example.org" : "cli:curator",
    });
    runIds.push(run.importRunId);
  }
});

describe("import history", () => {
  it("lists every run newest first with who, file, size, hash, format, status, counts and problem count", async () => {
    const history = await listImportRuns(1);
    expect(history).toMatchObject({ page: 1, pageCount: 1, total: 3 });
    expect(history.runs.map((run) => [run.fileName, run.status, run.importedBy])).toEqual([
      ["two.txt", "IMPORTED", "user:admin@example.org"],
      ["bad.txt", "REJECTED", "cli:curator"],
      ["one.txt", "IMPORTED", "cli:curator"],
    ]);
    expect(history.runs[2]).toMatchObject({
      format: "TEXT",
      digestDate: "2025-05-01",
      counts: { new: 1, skipped: 1 },
      problemCount: 1,
    });
    expect(history.runs[2]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(history.runs[1]!.error).toMatch(/binary file/);
  });

  it("pages through the runs; a page past the end shows the last one", async () => {
    expect((await listImportRuns(2, 2)).runs.map((run) => run.fileName)).toEqual(["one.txt"]);
    expect(await listImportRuns(99, 2)).toMatchObject({ page: 2, pageCount: 2 });
    expect((await listImportRuns(Number.NaN, 2)).page).toBe(1);
  });

  it("a run's page lists the digest entries it added, its problems and its rejection", async () => {
    const second = await importRunDetail(runIds[2]!);
    expect(second?.papers.map((paper) => [paper.position, paper.title])).toEqual([
      [1, "Second Paper"],
      [2, "First Paper"],
    ]);
    expect(second?.paperCount).toBe(2);
    const first = await importRunDetail(runIds[0]!);
    expect(first?.problems).toEqual([{ line: 7, message: 'title with no abstract, skipped: "Lonely Title"' }]);
    const rejected = await importRunDetail(runIds[1]!);
    expect(rejected).toMatchObject({
      status: "REJECTED",
      papers: [],
      paperCount: 0,
      error: expect.stringMatching(/binary file/),
    });
    expect(await importRunDetail(999_999)).toBeNull();
    expect(await importRunDetail(-1)).toBeNull();
  });
});
