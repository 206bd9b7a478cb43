// scripts/import.ts end to end: exit codes, --json, --dry-run without a database.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts } from "./helpers/catalogue";
import { type CliResult, projectRoot, runImport, UNREACHABLE_DATABASE_URL } from "./helpers/run-cli";
import { digestText } from "./helpers/text-source";

const db = setUpTestDatabase();
const sample = path.join(projectRoot, "prisma", "seed", "sample-digest-2025-04-30.txt");
let dir = "";
const file = (name: string) => path.join(dir, name);

/** The JSON the command printed; a crash shows its stderr instead of a bare JSON syntax error. */
function printedJson(result: CliResult) {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(
      `expected JSON on stdout, got ${JSON.stringify(result.stdout)}; exit ${result.code}; stderr:\n${result.stderr}`,
    );
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "import-cli-"));
  await writeFile(file("empty.txt"), "");
  await writeFile(
    file("one-paper.txt"),
    digestText("Aug 8, 2025", [{ title: "The Command Line Paper", abstract: "An abstract that ends properly." }]),
  );
  await writeFile(
    file("no-abstract.txt"),
    digestText("Aug 9, 2025", [
      { title: "A Strict Paper With Abstract", abstract: "An abstract that ends properly." },
      { title: "A Strict Paper Without Abstract" },
    ]),
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("import command exit codes", () => {
  it("exits 0 and prints the summary as JSON when a file is imported", async () => {
    const result = await runImport(["--json", "--date", "2025-04-30", sample], db.url);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = printedJson(result);
    expect(summary).toMatchObject({
      file: "sample-digest-2025-04-30.txt",
      status: "IMPORTED",
      digestDate: "2025-04-30",
      counts: { new: 94, updated: 0, unchanged: 0, skipped: 0 },
      error: null,
    });
    const {
      rows: [run],
    } = await db.pool.query(`SELECT imported_by FROM import_run WHERE id = $1`, [summary.importRunId]);
    expect(run!.imported_by).toMatch(/^cli:/);
  });

  it("exits 1 and prints the rejection as JSON when a file is rejected", async () => {
    const before = await catalogueCounts(db.pool);

    const result = await runImport(["--json", file("empty.txt")], db.url);

    expect(result.code).toBe(1);
    expect(printedJson(result)).toMatchObject({
      file: "empty.txt",
      status: "REJECTED",
      error: expect.stringMatching(/empty/),
    });
    expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
  });

  it("exits 1 under --strict for a title without abstract, and 0 without it", async () => {
    const strict = await runImport(["--strict", "--json", file("no-abstract.txt")], db.url);
    expect(strict.code).toBe(1);
    expect(printedJson(strict)).toMatchObject({ status: "REJECTED", error: expect.stringMatching(/--strict: line 7/) });

    const lenient = await runImport(["--json", file("no-abstract.txt")], db.url);
    expect(lenient.code).toBe(0);
    expect(printedJson(lenient)).toMatchObject({ status: "IMPORTED", counts: { new: 1, skipped: 1 } });
  });

  it("imports every file given and exits 1 when any of them is rejected", async () => {
    const result = await runImport(["--json", file("empty.txt"), file("one-paper.txt")], db.url);

    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => printedJson({ ...result, stdout: line }));
    expect(lines.map((s) => [s.file, s.status])).toEqual([
      ["empty.txt", "REJECTED"],
      ["one-paper.txt", "IMPORTED"],
    ]);
  });

  it.each([
    { name: "an unknown flag", args: ["--frobnicate", "x.txt"], message: /frobnicate/ },
    { name: "no FILE", args: ["--json"], message: /no FILE given/ },
    { name: "a --date that is not a calendar day", args: ["--date", "2025-13-45", "x.txt"], message: /--date/ },
    { name: "a --date not shaped YYYY-MM-DD", args: ["--date", "30/04/2025", "x.txt"], message: /YYYY-MM-DD/ },
    { name: "a missing file", args: ["/nonexistent/digest.txt"], message: /no such file/ },
  ])("exits 2 with usage help for $name, before touching the database", async ({ args, message }) => {
    const result = await runImport(args, UNREACHABLE_DATABASE_URL);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });
});

describe("import --dry-run", () => {
  it("--dry-run --json prints the parsed sample with no database reachable", async () => {
    const result = await runImport(["--dry-run", "--json", "--date", "2025-04-30", sample], UNREACHABLE_DATABASE_URL);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const parsed = printedJson(result);
    expect(Object.keys(parsed)).toEqual(["file", "format", "digestDate", "papers", "problems", "error"]);
    expect(parsed).toMatchObject({
      file: "sample-digest-2025-04-30.txt",
      format: "TEXT",
      digestDate: "2025-04-30",
      problems: [],
      error: null,
    });
    expect(parsed.papers).toHaveLength(94);
    for (const paper of parsed.papers) expect(Object.keys(paper)).toEqual(["title", "abstract", "links", "line"]);
    expect(parsed.papers[0]).toMatchObject({
      title: "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts",
      links: [{ url: "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs", kind: "CODE" }],
      line: expect.any(Number),
    });
    expect(parsed.papers.flatMap((p: { links: unknown[] }) => p.links)).toHaveLength(51);
  });

  it("--dry-run reads the date line relative to today when no --date is given", async () => {
    const result = await runImport(["--dry-run", "--json", sample], UNREACHABLE_DATABASE_URL);

    expect(result.code).toBe(0);
    expect(printedJson(result).digestDate).toMatch(/^\d{4}-04-30$/);
  });

  it("--dry-run exits 1 for a file that would be rejected and writes nothing", async () => {
    const before = await catalogueCounts(db.pool);

    const result = await runImport(["--dry-run", "--json", "--strict", file("no-abstract.txt")], db.url);

    expect(result.code).toBe(1);
    const parsed = printedJson(result);
    expect(parsed.error).toMatch(/--strict: line 7/);
    expect(parsed.problems).toEqual([{ line: 7, message: expect.stringContaining("title with no abstract") }]);
    expect(await catalogueCounts(db.pool)).toEqual(before);
  });
});

describe("import of Hugging Face JSON", () => {
  const hfDay = path.join(projectRoot, "tests", "fixtures", "hf-daily-papers-2025-05-02.json");

  it("--dry-run --json prints the JSON file's papers with authors, arXiv ids and upstream upvotes", async () => {
    const result = await runImport(["--dry-run", "--json", hfDay], UNREACHABLE_DATABASE_URL);

    expect(result.code).toBe(0);
    const parsed = printedJson(result);
    expect(parsed).toMatchObject({ format: "HF_JSON", digestDate: "2025-05-02", error: null });
    expect(parsed.papers).toHaveLength(6);
    expect(parsed.papers[0]).toMatchObject({
      arxivId: "2505.00101",
      authors: ["Xinhao Li", "Ziang Yan", "Desen Meng", "Limin Wang"],
      upstreamUpvotes: 42,
      line: 1,
    });
    expect(parsed.problems.map((p: { message: string }) => p.message)).toEqual([
      expect.stringMatching(/^entry 5: no summary/),
      expect.stringMatching(/^entry 7: duplicate of entry 2/),
    ]);
  });

  it("imports the JSON file and prints problems by entry", async () => {
    const result = await runImport([hfDay], db.url);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ hf-daily-papers-2025-05-02\.json: digest 2025-05-02 imported/);
    expect(result.stdout).toMatch(/papers: 6 new, 0 updated, 0 unchanged, 2 skipped/);
    expect(result.stdout).toMatch(/^ {4}entry 5: no summary/m);
    const {
      rows: [run],
    } = await db.pool.query(`SELECT format FROM import_run ORDER BY id DESC LIMIT 1`);
    expect(run!.format).toBe("HF_JSON");
  });

  it("exits 1 for JSON of the wrong shape and says what is wrong", async () => {
    const result = await runImport(
      [path.join(projectRoot, "tests", "fixtures", "hf-daily-papers-wrong-shape-title-type.json")],
      db.url,
    );

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /✗ hf-daily-papers-wrong-shape-title-type\.json: rejected: entry 3: paper\.title must be a string, got number 20250503/,
    );
  });

  it("mentions both formats in its help", async () => {
    const result = await runImport(["--help"], UNREACHABLE_DATABASE_URL);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/text +the page's text/);
    expect(result.stderr).toMatch(/JSON +the Hugging Face daily-papers API response/);
  });
});
