// `npm run fetch` as a person runs it: a line per day, exit codes as `import`, usage errors before any request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../support/database";
import { fixtureEntries, startFakeHf, type FakeHf } from "../support/fake-hf";
import { collect, spawnScript, UNREACHABLE_DATABASE_URL } from "./helpers/run-cli";

const testDb = setUpTestDatabase();
let hf: FakeHf;

beforeAll(async () => {
  hf = await startFakeHf();
  hf.setDay("2025-05-01", fixtureEntries("hf-daily-papers-2025-05-02.json"));
  hf.setDay("2025-05-03", fixtureEntries("hf-daily-papers-2025-04-30-overlap.json"));
});
afterAll(async () => {
  await hf?.close();
});

const fetchCli = (args: string[], databaseUrl = testDb.url) =>
  collect(
    spawnScript("scripts/fetch.ts", args, {
      DATABASE_URL: databaseUrl,
      HF_API_URL: hf.url,
      HF_TOKEN: "hf_cli_secret",
      SITE_URL: "https://papers.example.org",
    }),
  );

describe("npm run fetch", () => {
  it("a range prints a line per day, goes on past a failed day, and exits 1", async () => {
    const result = await fetchCli(["--from", "2025-05-01", "--to", "2025-05-03"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\+ 2025-05-01: new: 6 new, 0 updated, 0 unchanged, 2 skipped \[import #\d+\]$/);
    expect(lines[1]).toMatch(
      /^✗ 2025-05-02: failed: HTTP 404 Not Found: no daily papers for this day \(yet\) \[import #\d+\]$/,
    );
    expect(lines[2]).toMatch(/^\+ 2025-05-03: new: /);
    expect(result.stdout + result.stderr).not.toContain("hf_cli_secret");
  });

  it("fetching a day again prints unchanged and exits 0; --json prints the outcome", async () => {
    const result = await fetchCli(["--date", "2025-05-01", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      day: "2025-05-01",
      result: "UNCHANGED",
      message: "not modified since the last import",
    });
  });

  it("--dry-run reports the papers without a database", async () => {
    const result = await fetchCli(["--date", "2025-05-01", "--dry-run"], UNREACHABLE_DATABASE_URL);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("✓ 2025-05-01: 6 papers, 2 problems (dry run, nothing written)\n");
  });

  it("usage errors exit 2 before any request", async () => {
    const before = hf.requests.length;
    for (const args of [
      ["--date", "2025-02-30"],
      ["--from", "2025-05-01"],
      ["--from", "2025-05-03", "--to", "2025-05-01"],
      ["--date", "2025-05-01", "--from", "2025-05-01", "--to", "2025-05-02"],
      ["stray"],
    ]) {
      const result = await fetchCli(args, UNREACHABLE_DATABASE_URL);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("Usage: npm run fetch");
    }
    expect(hf.requests.length).toBe(before);
  });
});
