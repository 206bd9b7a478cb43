// The digest inbox: settled files are claimed, imported once, and filed with a report; files still
// being written, and files another worker claimed, are left alone.
import { mkdtemp, readdir, readFile, rm, utimes, writeFile, mkdir, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { processInbox } from "../../lib/ingest/inbox";
import { setUpTestDatabase } from "../support/database";
import { catalogueCounts } from "./helpers/catalogue";
import { projectRoot } from "./helpers/run-cli";
import { digestText } from "./helpers/text-source";

const db = setUpTestDatabase();
const hfDay = path.join(projectRoot, "tests", "fixtures", "hf-daily-papers-2025-05-02.json");
let inbox = "";

/** The files as a writer leaves them: modified a minute ago unless said otherwise. */
async function drop(name: string, content: string | Buffer, ageMs = 60_000) {
  const file = path.join(inbox, name);
  await writeFile(file, content);
  const when = new Date(Date.now() - ageMs);
  await utimes(file, when, when);
}

const run = (workerId = "w1", extra = {}) =>
  processInbox(db.pool, { inboxDir: inbox, workerId, now: new Date(), recheckMs: 50, ...extra });
const list = async (dir = "") => (await readdir(path.join(inbox, dir))).sort();

beforeEach(async () => {
  inbox = await mkdtemp(path.join(tmpdir(), "inbox-"));
});

afterEach(async () => {
  await rm(inbox, { recursive: true, force: true });
});

describe("processing the inbox", () => {
  it("imports a text digest and a JSON file, files them under processed/ with reports", async () => {
    await drop("may-9.txt", digestText("May 9, 2025", [{ title: "An Inbox Paper", abstract: "Dropped in a folder." }]));
    await copyFile(hfDay, path.join(inbox, "hf.json"));
    await utimes(path.join(inbox, "hf.json"), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

    const result = await run();

    expect(result.files.map((f) => [f.file, f.status, f.summary.format]).sort()).toEqual([
      ["hf.json", "IMPORTED", "HF_JSON"],
      ["may-9.txt", "IMPORTED", "TEXT"],
    ]);
    expect(await list("processed")).toEqual([
      "hf.json",
      "hf.json.report.json",
      "hf.json.report.txt",
      "may-9.txt",
      "may-9.txt.report.json",
      "may-9.txt.report.txt",
    ]);
    expect(await list()).toEqual([".claimed", "processed", "rejected"]);
    const report = JSON.parse(await readFile(path.join(inbox, "processed", "hf.json.report.json"), "utf8"));
    expect(report).toMatchObject({ file: "hf.json", status: "IMPORTED", counts: { new: 6 } });
    expect(await readFile(path.join(inbox, "processed", "hf.json.report.txt"), "utf8")).toMatch(
      /^✓ hf\.json: digest 2025-05-02 imported/,
    );
    const { rows } = await db.pool.query(`SELECT imported_by FROM import_run ORDER BY id DESC LIMIT 2`);
    expect(rows.map((r) => r.imported_by)).toEqual(["inbox:w1", "inbox:w1"]);
  });

  it("files a bad file under rejected/ with a report naming the file and the reason, writing nothing else", async () => {
    await drop("figure.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const before = await catalogueCounts(db.pool);

    const result = await run();

    expect(result.files.map((f) => [f.file, f.status])).toEqual([["figure.png", "REJECTED"]]);
    expect(await list("rejected")).toEqual(["figure.png", "figure.png.report.json", "figure.png.report.txt"]);
    expect(await readFile(path.join(inbox, "rejected", "figure.png.report.txt"), "utf8")).toMatch(
      /^✗ figure\.png: rejected: the file is neither a text digest nor Hugging Face JSON: it looks like a binary file \(a PNG image\)/,
    );
    expect(await catalogueCounts(db.pool)).toEqual({ ...before, import_run: before.import_run + 1 });
  });

  it("leaves alone a file modified moments ago, temporary names and dotfiles", async () => {
    await drop("half-written.txt", "May 9, 2025\n\nA Tit", 0);
    await drop("download.json.part", "[", 60_000);
    await drop("upload.tmp", "x", 60_000);
    await drop(".hidden.txt", "x", 60_000);

    const result = await run();

    expect(result.files).toEqual([]);
    expect(result.busy).toEqual(["half-written.txt"]);
    expect(await list()).toEqual([
      ".claimed",
      ".hidden.txt",
      "download.json.part",
      "half-written.txt",
      "processed",
      "rejected",
      "upload.tmp",
    ]);
  });

  it("leaves alone a file that grows between its two looks", async () => {
    await drop("growing.txt", "May 9, 2025\n\n", 60_000);
    let looks = 0;
    const grow = async () => {
      looks++;
      // Written to between the first look and the second, but still older than the settle time.
      await writeFile(path.join(inbox, "growing.txt"), "May 9, 2025\n\nA Growing Paper\n\nStill being written.\n", {
        flag: "w",
      });
      await utimes(path.join(inbox, "growing.txt"), new Date(Date.now() - 60_000), new Date(Date.now() - 30_000));
    };

    const result = await run("w1", { betweenLooks: grow });

    expect(looks).toBe(1);

    expect(result.files).toEqual([]);
    expect(result.busy).toEqual(["growing.txt"]);
    expect(await list()).toContain("growing.txt");
  });

  it("imports each file once when two workers process the inbox at the same time", async () => {
    for (let i = 1; i <= 6; i++) {
      await drop(
        `day-${i}.txt`,
        digestText(`May ${10 + i}, 2025`, [{ title: `Concurrent Paper ${i}`, abstract: `Abstract ${i}.` }]),
      );
    }
    const before = await catalogueCounts(db.pool);

    const [a, b] = await Promise.all([run("worker-a"), run("worker-b")]);

    const imported = [...a.files, ...b.files].map((f) => f.file).sort();
    expect(imported).toEqual(["day-1.txt", "day-2.txt", "day-3.txt", "day-4.txt", "day-5.txt", "day-6.txt"]);
    expect(await catalogueCounts(db.pool)).toMatchObject({
      paper: before.paper + 6,
      import_run: before.import_run + 6,
    });
    expect(
      (await list("processed")).filter((name) => name.endsWith(".txt") && !name.includes(".report.")),
    ).toHaveLength(6);
  });

  it("adds a timestamp when processed/ already holds a file of that name", async () => {
    const text = digestText("May 20, 2025", [{ title: "A Paper Sent Twice", abstract: "Twice." }]);
    await drop("same.txt", text);
    await run();
    await drop("same.txt", text);

    const result = await run();

    expect(result.files.map((f) => f.status)).toEqual(["UNCHANGED"]);
    expect(path.basename(result.files[0]!.movedTo)).toMatch(/^same\.\d{8}T\d{6}Z\.txt$/);
    expect(
      (await list("processed")).filter((name) => name.endsWith(".txt") && !name.includes(".report.")),
    ).toHaveLength(2);
  });

  it("puts back a file claimed by a worker that died, once its lease has run out", async () => {
    await mkdir(path.join(inbox, ".claimed"), { recursive: true });
    const stale = path.join(inbox, ".claimed", "dead_worker-orphan.txt");
    await writeFile(stale, digestText("May 21, 2025", [{ title: "An Orphaned Paper", abstract: "Left behind." }]));
    const longAgo = new Date(Date.now() - 11 * 60_000);
    await utimes(stale, longAgo, longAgo);
    const fresh = path.join(inbox, ".claimed", "live_worker-busy.txt");
    await writeFile(fresh, "being imported");

    const result = await run();

    expect(result.requeued).toEqual(["orphan.txt"]);
    expect(await list(".claimed")).toEqual(["live_worker-busy.txt"]);
    // Put back with its old mtime, it is settled and imported in the same run.
    expect(result.files.map((f) => [f.file, f.status])).toEqual([["orphan.txt", "IMPORTED"]]);
  });
});
