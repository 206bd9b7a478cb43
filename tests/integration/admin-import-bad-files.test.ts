// Files the web importer refuses: each named with its reason, nothing stored or imported, and (for a file it
// read and refused) a REJECTED run in the history with that reason, as the command line records one.
import { beforeAll, describe, expect, it } from "vitest";
import { importLimits } from "../../lib/admin-import/limits";
import { createPreview } from "../../lib/admin-import/preview";
import type { SessionUser } from "../../lib/auth/session";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts, type CatalogueCounts } from "./helpers/catalogue";
import { digestText } from "./helpers/text-source";
import { createUser } from "./helpers/users";

const testDb = setUpTestDatabase();
let admin: SessionUser;
let before: CatalogueCounts;

const bytes = (text: string) => new TextEncoder().encode(text);
const small = digestText("May 2, 2025", [{ title: "A Fine Paper", abstract: "A fine abstract." }]);

beforeAll(async () => {
  admin = await createUser(testDb.pool, "admin@example.org", "ADMIN");
  before = await catalogueCounts(testDb.pool);
});

async function expectNothingStored() {
  expect({ ...(await catalogueCounts(testDb.pool)), import_run: 0 }).toEqual({ ...before, import_run: 0 });
  expect((await testDb.pool.query(`SELECT 1 FROM import_preview`)).rowCount).toBe(0);
}

async function latestRun(): Promise<
  { file_name: string; status: string; imported_by: string; error: string | null } | undefined
> {
  const { rows } = await testDb.pool.query(
    `SELECT file_name, status::text, imported_by, error FROM import_run ORDER BY id DESC LIMIT 1`,
  );
  return rows[0];
}

describe("refused uploads", () => {
  const cases: [string, string, Uint8Array, RegExp][] = [
    [
      "invalid UTF-8",
      "latin1.txt",
      new Uint8Array([...bytes("May 2, 2025\n\nCaf"), 0xe9, ...bytes(" Paper\n\nAn abstract.\n")]),
      /^latin1\.txt: the file is not valid UTF-8 \(.*near line 3\)/,
    ],
    [
      "an image",
      "photo.txt",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /^photo\.txt: the file is neither a text digest nor Hugging Face JSON: .*a PNG image/,
    ],
    [
      "JSON of the wrong shape",
      "wrong.json",
      bytes(`[{"paper": {"title": 42, "summary": "s"}}]`),
      /^wrong\.json: entry 1: paper\.title must be a string, got number 42/,
    ],
    ["broken JSON", "broken.json", bytes(`[{"paper": {"title": "t"`), /^broken\.json: .*JSON/i],
    ["an empty file", "empty.txt", new Uint8Array(0), /^empty\.txt: the file is empty/],
    [
      "text with no papers",
      "notes.txt",
      bytes("Just some notes.\nNothing else here.\n"),
      /^notes\.txt: no papers found/,
    ],
  ];
  for (const [what, name, content, message] of cases) {
    it(`${what} is refused with the file's name and the reason, and nothing is stored`, async () => {
      const result = await createPreview(admin, { name, bytes: content });
      expect(result).toMatchObject({ ok: false, status: 422, error: expect.stringMatching(message) });
      await expectNothingStored();
      const reason = result.ok ? "" : result.error.slice(name.length + 2);
      expect(await latestRun()).toEqual({
        file_name: name,
        status: "REJECTED",
        imported_by: "user:admin@example.org",
        error: reason,
      });
    });
  }

  it("a file over the size limit is refused before it is parsed", async () => {
    const limits = importLimits(0.001); // about 1 KB
    const result = await createPreview(admin, { name: "big.txt", bytes: bytes(small + "x".repeat(2000)) }, { limits });
    expect(result).toEqual({
      ok: false,
      status: 413,
      error: "big.txt: 2 KB is over the limit of 1 KB per file (ADMIN_IMPORT_MAX_MB)",
    });
    await expectNothingStored();
    expect((await latestRun())?.file_name).not.toBe("big.txt");
  });

  it("a path in the file name is cut to the name", async () => {
    const result = await createPreview(admin, { name: "C:\\fakepath\\report.txt", bytes: new Uint8Array(0) });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^report\.txt: /) });
  });

  it("more than 20 files waiting at once: the 21st is refused until some are imported or cancelled", async () => {
    for (let i = 1; i <= 20; i++) {
      const result = await createPreview(admin, { name: `f${i}.txt`, bytes: bytes(small) });
      expect(result.ok).toBe(true);
    }
    const refused = await createPreview(admin, { name: "f21.txt", bytes: bytes(small) });
    expect(refused).toEqual({
      ok: false,
      status: 409,
      error:
        "f21.txt: 20 files are already waiting for Import or Cancel, the most at once; import or cancel some first",
    });
    // Another admin has their own allowance.
    const other = await createUser(testDb.pool, "second-admin@example.org", "ADMIN");
    expect((await createPreview(other, { name: "theirs.txt", bytes: bytes(small) })).ok).toBe(true);
    expect({ ...(await catalogueCounts(testDb.pool)), import_run: 0 }).toEqual({ ...before, import_run: 0 });
  });
});
