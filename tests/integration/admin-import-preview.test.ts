// Admin imports from the browser, below the HTTP layer: preview, Import, Cancel, dates, expiry, against a real database.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmPreview } from "../../lib/admin-import/confirm";
import { cancelPreview, createPreview, pendingPreviews, setPreviewDate } from "../../lib/admin-import/preview";
import type { SessionUser } from "../../lib/auth/session";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts } from "./helpers/catalogue";
import { digestText } from "./helpers/text-source";
import { createUser } from "./helpers/users";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const jsonFixture = fileURLToPath(new URL("../fixtures/admin-upload-small.json", import.meta.url));
const testDb = setUpTestDatabase();
let admin: SessionUser;
let reader: SessionUser;

const file = (name: string, content: string | Uint8Array) => ({
  name,
  bytes: typeof content === "string" ? new TextEncoder().encode(content) : content,
});
const previewRows = async () => (await testDb.pool.query(`SELECT id FROM import_preview`)).rowCount;

beforeAll(async () => {
  await importDigest(testDb.pool, await fileSource(samplePath), {
    today: "2025-05-01",
    date: "2025-04-30",
    importedBy: "cli:curator",
  });
  admin = await createUser(testDb.pool, "admin@example.org", "ADMIN");
  reader = await createUser(testDb.pool, "reader@example.org", "USER");
});

describe("only admins", () => {
  it("signed out gets 401 and a reader gets 403 from upload, date, Import and Cancel, and nothing is stored", async () => {
    const upload = file("x.txt", digestText("May 3, 2025", [{ title: "Some Paper", abstract: "Some abstract." }]));
    expect(await createPreview(null, upload)).toMatchObject({ ok: false, status: 401 });
    expect(await createPreview(reader, upload)).toMatchObject({
      ok: false,
      status: 403,
      error: "only admins can import digests",
    });
    const mine = await createPreview(admin, upload);
    if (!mine.ok) throw new Error(mine.error);
    const id = mine.preview.id;
    for (const user of [null, reader]) {
      const status = user ? 403 : 401;
      expect(await confirmPreview(user, id)).toMatchObject({ ok: false, status });
      expect(await cancelPreview(user, id)).toMatchObject({ ok: false, status });
      expect(await setPreviewDate(user, id, "2025-05-04")).toMatchObject({ ok: false, status });
      expect(await pendingPreviews(user)).toEqual([]);
    }
    // Another admin does not see or act on my previews either.
    const other = await createUser(testDb.pool, "other-admin@example.org", "ADMIN");
    expect(await confirmPreview(other, id)).toMatchObject({ ok: false, status: 404 });
    expect(await cancelPreview(admin, id)).toEqual({ ok: true, id });
  });
});

describe("a new text digest", () => {
  const sample = readFileSync(samplePath, "utf8");
  const knownTitle = "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts";
  const knownAbstract = sample.split(`${knownTitle}\n\n`)[1]!.split("\n\n")[0]!;
  const content = digestText("May 2, 2025", [
    {
      title: "Brand New Paper on Video Tokens",
      abstract: "We compress video tokens. Code: https://github.com/example/video-tokens.",
    },
    { title: "A Title Without Abstract" },
    {
      title: knownTitle,
      abstract: knownAbstract.replace(
        "Mixture of Experts (MoE) architecture",
        "sparse Mixture of Experts (MoE) design",
      ),
    },
    {
      title: "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis",
      abstract: "A shorter abstract for the benchmark.",
    },
  ]);

  it("is previewed with new, changed (with a word diff) and problem papers, and nothing reaches the catalogue", async () => {
    const before = await catalogueCounts(testDb.pool);
    const result = await createPreview(admin, file("may-2.txt", content), { now: new Date("2025-05-02T10:00:00Z") });
    if (!result.ok) throw new Error(result.error);
    const { summary } = result.preview;
    expect(summary).toMatchObject({
      format: "TEXT",
      digestDate: "2025-05-02",
      dateSource: "file",
      dateNote: null,
      papers: 3,
      alreadyImported: null,
    });
    expect(summary.counts).toEqual({ new: 1, changed: 2, known: 0, skipped: 1 });
    expect(summary.newPapers).toEqual([{ line: 3, title: "Brand New Paper on Video Tokens" }]);
    const uniMoe = summary.changedPapers.find((paper) => paper.title === knownTitle)!;
    expect(uniMoe.abstractDiff.filter((part) => part.kind !== "same")).toEqual([
      { kind: "ins", text: "sparse " },
      { kind: "del", text: "architecture" },
      { kind: "ins", text: "design" },
    ]);
    expect(summary.problems).toEqual([
      {
        line: 7,
        message: 'title with no abstract, skipped: "A Title Without Abstract"',
        text: "A Title Without Abstract",
      },
    ]);
    expect(await catalogueCounts(testDb.pool)).toEqual(before);
  });

  it("Import runs the importer as the admin and deletes the preview; the run matches the preview", async () => {
    const result = await createPreview(admin, file("may-2b.txt", content), { now: new Date("2025-05-02T10:00:00Z") });
    if (!result.ok) throw new Error(result.error);
    const confirmed = await confirmPreview(admin, result.preview.id, { now: new Date("2025-05-02T10:05:00Z") });
    if (!confirmed.ok) throw new Error(confirmed.error);
    expect(confirmed.run).toMatchObject({
      status: "IMPORTED",
      digestDate: "2025-05-02",
      counts: { new: 1, updated: 2, skipped: 1 },
      problems: 1,
    });
    const { rows } = await testDb.pool.query(
      `SELECT imported_by, file_name, format::text, status::text FROM import_run WHERE id = $1`,
      [confirmed.run.runId],
    );
    expect(rows).toEqual([
      { imported_by: "user:admin@example.org", file_name: "may-2b.txt", format: "TEXT", status: "IMPORTED" },
    ]);
    const { rows: papers } = await testDb.pool.query(`SELECT abstract FROM paper WHERE title = $1`, [knownTitle]);
    expect(papers[0].abstract).toContain("sparse Mixture of Experts (MoE) design");
    expect(await confirmPreview(admin, result.preview.id)).toMatchObject({ ok: false, status: 404 });
  });

  it("uploading it again says it was already imported, by whom, and Import changes nothing", async () => {
    const result = await createPreview(admin, file("may-2b-again.txt", content));
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.summary.alreadyImported).toMatchObject({
      by: "user:admin@example.org",
      digestDate: "2025-05-02",
    });
    expect(result.preview.summary.counts).toMatchObject({ new: 0, changed: 0, known: 3 });
    const before = await catalogueCounts(testDb.pool);
    const confirmed = await confirmPreview(admin, result.preview.id);
    expect(confirmed).toMatchObject({ ok: true, run: { status: "UNCHANGED", counts: { new: 0, updated: 0 } } });
    expect({ ...(await catalogueCounts(testDb.pool)), import_run: before.import_run }).toEqual(before);
  });
});

describe("the sample digest, already imported from the command line", () => {
  it("keeps the date it was imported with (its date line has no year) and importing it again changes nothing", async () => {
    const result = await createPreview(admin, file("sample.txt", readFileSync(samplePath)));
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.summary).toMatchObject({
      digestDate: "2025-04-30",
      dateSource: "earlier-import",
      papers: 94,
      counts: { new: 0, known: 94 },
      alreadyImported: { by: "cli:curator", digestDate: "2025-04-30" },
      existingDigestPapers: 94,
    });
    const before = await catalogueCounts(testDb.pool);
    expect(await confirmPreview(admin, result.preview.id)).toMatchObject({ ok: true, run: { status: "UNCHANGED" } });
    expect((await catalogueCounts(testDb.pool)).digest_entry).toBe(before.digest_entry);
  });
});

describe("the digest date", () => {
  const noDate = digestText(null, [
    { title: "Undated Paper About Audio Tokens", abstract: "An abstract about audio tokens." },
  ]);

  it("a file without a date line is previewed with no date; Import waits for one, and the chosen date is imported", async () => {
    const result = await createPreview(admin, file("undated.txt", noDate));
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.summary).toMatchObject({
      digestDate: null,
      dateSource: "missing",
      papers: 1,
      counts: { new: 1 },
    });
    expect(result.preview.summary.dateNote).toMatch(/no date line: choose the digest date/);
    expect(await confirmPreview(admin, result.preview.id)).toMatchObject({
      ok: false,
      status: 400,
      error: expect.stringMatching(/^undated\.txt: .*choose the digest date/),
    });

    expect(await setPreviewDate(admin, result.preview.id, "2025-02-30")).toMatchObject({ ok: false, status: 400 });
    const dated = await setPreviewDate(admin, result.preview.id, "2025-05-08");
    if (!dated.ok) throw new Error(dated.error);
    expect(dated.preview.summary).toMatchObject({ digestDate: "2025-05-08", dateSource: "chosen", dateNote: null });
    const confirmed = await confirmPreview(admin, result.preview.id);
    expect(confirmed).toMatchObject({ ok: true, run: { status: "IMPORTED", digestDate: "2025-05-08" } });
  });

  it("a date line without a year is flagged with the year it was given", async () => {
    const content = digestText("Mar 3", [{ title: "Yearless Paper on Chart Reading", abstract: "Charts." }]);
    const result = await createPreview(admin, file("yearless.txt", content), { now: new Date("2025-05-09T08:00:00Z") });
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.summary.digestDate).toBe("2025-03-03");
    expect(result.preview.summary.dateNote).toBe(
      'the date line "Mar 3" (line 1) has no year; 2025-03-03 is the latest such day up to today: check it',
    );
    await cancelPreview(admin, result.preview.id);
  });
});

describe("Cancel and expiry", () => {
  it("Cancel deletes the preview and writes nothing; a second Cancel or an Import afterwards finds nothing", async () => {
    const before = await catalogueCounts(testDb.pool);
    const result = await createPreview(
      admin,
      file("cancel-me.txt", digestText("May 4, 2025", [{ title: "Cancelled Paper", abstract: "Never imported." }])),
    );
    if (!result.ok) throw new Error(result.error);
    expect(await cancelPreview(admin, result.preview.id)).toEqual({ ok: true, id: result.preview.id });
    expect(await cancelPreview(admin, result.preview.id)).toMatchObject({ ok: false, status: 404 });
    expect(await confirmPreview(admin, result.preview.id)).toMatchObject({ ok: false, status: 404 });
    expect(await catalogueCounts(testDb.pool)).toEqual(before);
    expect(await cancelPreview(admin, "not-an-id")).toMatchObject({ ok: false, status: 404 });
  });

  it("a preview older than an hour is refused with a clear message and deleted, and later uploads sweep expired ones away", async () => {
    const before = await catalogueCounts(testDb.pool);
    const content = digestText("May 5, 2025", [{ title: "Expired Paper", abstract: "Too late." }]);
    const old = await createPreview(admin, file("stale.txt", content), { now: new Date(Date.now() - 61 * 60 * 1000) });
    const older = await createPreview(admin, file("stale-2.txt", content), {
      now: new Date(Date.now() - 90 * 60 * 1000),
    });
    if (!old.ok || !older.ok) throw new Error("upload failed");
    expect(await confirmPreview(admin, old.preview.id)).toMatchObject({
      ok: false,
      status: 410,
      error: expect.stringMatching(
        /^stale\.txt: this preview expired at \d\d:\d\d UTC \(previews last one hour\); upload the file again$/,
      ),
    });
    expect(await setPreviewDate(admin, older.preview.id, "2025-05-06")).toMatchObject({ ok: false, status: 410 });
    const again = await createPreview(admin, file("stale-3.txt", content), {
      now: new Date(Date.now() - 70 * 60 * 1000),
    });
    if (!again.ok) throw new Error(again.error);
    await createPreview(admin, file("fresh.txt", content));
    const { rows } = await testDb.pool.query(`SELECT file_name FROM import_preview ORDER BY file_name`);
    expect(rows.map((row) => row.file_name)).toEqual(["fresh.txt"]);
    expect(await pendingPreviews(admin)).toHaveLength(1);
    expect({ ...(await catalogueCounts(testDb.pool)), import_run: before.import_run }).toEqual(before);
    await testDb.pool.query(`DELETE FROM import_preview`);
  });

  it("two Imports of one preview at the same moment import it once", async () => {
    const result = await createPreview(
      admin,
      file("race.txt", digestText("May 6, 2025", [{ title: "Raced Paper", abstract: "Clicked twice." }])),
    );
    if (!result.ok) throw new Error(result.error);
    const runsBefore = (await catalogueCounts(testDb.pool)).import_run;
    const outcomes = await Promise.all([
      confirmPreview(admin, result.preview.id),
      confirmPreview(admin, result.preview.id),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({
      status: expect.toSatisfy((status: number) => status === 409 || status === 404),
    });
    expect((await catalogueCounts(testDb.pool)).import_run).toBe(runsBefore + 1);
    expect(await previewRows()).toBe(0);
  });
});

describe("text then JSON", () => {
  it("a JSON file whose papers arrived in a text digest shows them as known, and importing it adds no paper", async () => {
    const json = readFileSync(jsonFixture);
    const entries = JSON.parse(json.toString()) as { paper: { title: string; summary: string } }[];
    // The same papers, typed differently (case, spacing), came in a text digest first.
    const text = digestText(
      "May 6, 2025",
      entries.map(({ paper }) => ({ title: paper.title.toUpperCase().replace(/ /g, "  "), abstract: paper.summary })),
    );
    const first = await createPreview(admin, file("may-6.txt", text));
    if (!first.ok) throw new Error(first.error);
    expect(first.preview.summary.counts.new).toBe(3);
    expect(await confirmPreview(admin, first.preview.id)).toMatchObject({
      ok: true,
      run: { status: "IMPORTED", counts: { new: 3 } },
    });

    const papersBefore = (await catalogueCounts(testDb.pool)).paper;
    const second = await createPreview(admin, file("may-6.json", json));
    if (!second.ok) throw new Error(second.error);
    expect(second.preview.summary).toMatchObject({ format: "HF_JSON", digestDate: "2025-05-06", papers: 3 });
    expect(second.preview.summary.counts.new).toBe(0);
    expect(second.preview.summary.counts.known + second.preview.summary.counts.changed).toBe(3);
    const confirmed = await confirmPreview(admin, second.preview.id);
    expect(confirmed).toMatchObject({ ok: true, run: { counts: { new: 0 } } });
    expect((await catalogueCounts(testDb.pool)).paper).toBe(papersBefore);
    const { rows } = await testDb.pool.query(`SELECT format::text FROM import_run WHERE file_name = 'may-6.json'`);
    expect(rows).toEqual([{ format: "HF_JSON" }]);
  });
});
