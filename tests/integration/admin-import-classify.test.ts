// The preview and the importer sort a file's papers by one rule (new, changed, known and unchanged): for
// every import fixture, the preview's counts on a catalogue are what importing the file into a copy of it does.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeDigest } from "../../lib/admin-import/summarize";
import { importDigest } from "../../lib/ingest/import";
import { catalogueCounts } from "./helpers/catalogue";
import { copyCatalogue, dropCatalogue, emptyCatalogue, type Catalogue } from "./helpers/catalogue-copies";
import { projectRoot } from "./helpers/run-cli";
import { textSource } from "./helpers/text-source";

const today = "2025-05-08";
const fixtures = path.join(projectRoot, "tests", "fixtures");
const samplePath = path.join(projectRoot, "prisma", "seed", "sample-digest-2025-04-30.txt");
const sample = readFileSync(samplePath);
const fixture = (name: string) => readFileSync(path.join(fixtures, name));

type File = { name: string; bytes: Buffer };
const entries = (name: string): unknown[] => JSON.parse(fixture(name).toString("utf8"));
/**
 * Every file the import tests use, the ones either side refuses included (both must refuse them alike),
 * and one paper listed twice under two titles with one arXiv id (the second becomes a new paper).
 */
const files: File[] = [
  { name: "sample-digest-2025-04-30.txt", bytes: sample },
  ...readdirSync(fixtures)
    .sort()
    .map((name) => ({ name, bytes: fixture(name) })),
  {
    name: "uni-moe-twice.json",
    bytes: Buffer.from(
      JSON.stringify([
        ...entries("hf-daily-papers-2025-04-30-overlap.json").slice(0, 1),
        ...entries("hf-daily-papers-2025-05-06-retitled.json"),
      ]),
    ),
  },
];

// The sample digest as an earlier copy of the page had it: one abstract worded differently, one title in other case.
const edited = sample
  .toString("utf8")
  .replace("Although the Mixture of Experts (MoE) architecture", "Although the sparse Mixture of Experts (MoE) design")
  .replace("Video-MME: The First-Ever", "Video-MME: the first-ever");
const catalogues: { name: string; files: File[] }[] = [
  { name: "an empty catalogue", files: [] },
  { name: "a catalogue with the sample digest", files: [files[0]!] },
  {
    name: "a catalogue with an edited sample digest of the same day",
    files: [{ name: "edited.txt", bytes: Buffer.from(edited) }],
  },
  {
    name: "a catalogue with an edited sample digest of a later day (the newer text wins)",
    files: [{ name: "edited-may-1.txt", bytes: Buffer.from(edited.replace("\nApr 30\n", "\nMay 1, 2025\n")) }],
  },
  {
    name: "a catalogue with the sample digest and its Hugging Face JSON",
    files: [files[0]!, { name: "overlap.json", bytes: fixture("hf-daily-papers-2025-04-30-overlap.json") }],
  },
];

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function prepare(files: File[]): Promise<Catalogue> {
  const catalogue = await emptyCatalogue();
  for (const file of files) {
    const run = await importDigest(catalogue.pool, textSource(file.name, file.bytes), {
      today,
      importedBy: "cli:curator",
    });
    if (run.status === "REJECTED") throw new Error(`${file.name}: ${run.error}`);
  }
  return catalogue;
}

/** What the preview says, then what Import (which imports with the preview's date) does to a copy of the catalogue. */
async function previewThenImport(catalogue: Catalogue, copy: Catalogue, file: File) {
  const preview = await summarizeDigest(catalogue.pool, file.bytes, { sha256: sha256(file.bytes), today });
  const date = preview.ok ? (preview.summary.digestDate ?? undefined) : undefined;
  const run = await importDigest(copy.pool, textSource(file.name, file.bytes), {
    today,
    date,
    importedBy: "user:admin@example.org",
  });
  return { preview, run };
}

describe.each(catalogues)("$name", (setup) => {
  let catalogue: Catalogue;
  let copies: Catalogue[] = [];

  beforeAll(async () => {
    catalogue = await prepare(setup.files);
    copies = await copyCatalogue(catalogue, files.length);
  });
  afterAll(async () => {
    for (const database of [catalogue, ...copies]) if (database) await dropCatalogue(database);
  });

  it.each(files.map((file, index) => ({ ...file, index })))(
    "$name: the preview counts what the import does",
    async (file) => {
      const { preview, run } = await previewThenImport(catalogue, copies[file.index]!, file);
      if (!preview.ok) {
        expect(run).toMatchObject({ status: "REJECTED", error: preview.error });
        return;
      }
      expect(run.error).toBeNull();
      const { counts } = preview.summary;
      expect({ new: counts.new, updated: counts.changed, unchanged: counts.known, skipped: counts.skipped }).toEqual(
        run.counts,
      );
      expect(preview.summary.digestDate).toBe(run.digestDate);
    },
  );
});

describe("a Hugging Face paper whose title changed since it was imported (same arXiv id)", () => {
  let catalogue: Catalogue;
  let copy: Catalogue;
  beforeAll(async () => {
    catalogue = await prepare(catalogues.at(-1)!.files);
    copy = (await copyCatalogue(catalogue, 1))[0]!;
  });
  afterAll(async () => {
    for (const database of [catalogue, copy]) if (database) await dropCatalogue(database);
  });

  it("is counted as changed, not new, by the preview and by the import", async () => {
    const file = { name: "retitled.json", bytes: fixture("hf-daily-papers-2025-05-06-retitled.json") };
    const before = await catalogueCounts(catalogue.pool);
    const {
      rows: [known],
    } = await catalogue.pool.query(`SELECT slug FROM paper WHERE arxiv_id = '2405.11273'`);

    const { preview, run } = await previewThenImport(catalogue, copy!, file);

    if (!preview.ok) throw new Error(preview.error);
    expect(preview.summary.counts).toEqual({ new: 0, changed: 1, known: 0, skipped: 0 });
    expect(preview.summary.changedPapers).toMatchObject([{ line: 1, slug: known!.slug }]);
    expect(run).toMatchObject({ status: "IMPORTED", counts: { new: 0, updated: 1, unchanged: 0, skipped: 0 } });
    expect(await catalogueCounts(catalogue.pool)).toEqual(before);
  });
});
