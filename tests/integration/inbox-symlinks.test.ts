// The digest inbox never follows a symbolic link: not to read a file outside the inbox, and not to write
// a report through a link planted where the report goes.
import {
  lutimes,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  unlink,
  utimes,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { processInbox } from "../../lib/ingest/inbox";
import { setUpTestDatabase } from "../support/database";
import { digestText } from "./helpers/text-source";

const db = setUpTestDatabase();
let root = "";
let inbox = "";
let outside = "";

const run = (extra = {}) =>
  processInbox(db.pool, { inboxDir: inbox, workerId: "w1", now: new Date(), recheckMs: 50, ...extra });
const list = async (dir = "") => (await readdir(path.join(inbox, dir))).sort();
const minuteAgo = () => new Date(Date.now() - 60_000);
const paperCount = async (title: string) =>
  (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM paper WHERE title = $1`, [title])).rows[0]!.n;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "inbox-links-"));
  inbox = path.join(root, "inbox");
  outside = path.join(root, "outside");
  await mkdir(inbox);
  await mkdir(outside);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("symbolic links in the inbox", () => {
  it("a link to a file outside the inbox is not imported: it is filed under rejected/ with a report saying why", async () => {
    const secret = path.join(outside, "secret.txt");
    await writeFile(
      secret,
      digestText("May 9, 2025", [{ title: "A Secret Outside Paper", abstract: "Not for the inbox." }]),
    );
    await symlink(secret, path.join(inbox, "linked.txt"));
    const when = minuteAgo();
    await lutimes(path.join(inbox, "linked.txt"), when, when);

    const result = await run();

    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([
      {
        file: "linked.txt",
        reason:
          "it is a symbolic link: not imported; the inbox imports regular files only (copy the file in instead of linking it)",
        movedTo: path.join(inbox, "rejected", "linked.txt"),
      },
    ]);
    expect(await paperCount("A Secret Outside Paper")).toBe(0);
    expect(await list("rejected")).toEqual(["linked.txt", "linked.txt.report.json", "linked.txt.report.txt"]);
    expect(await readFile(path.join(inbox, "rejected", "linked.txt.report.txt"), "utf8")).toMatch(
      /^✗ linked\.txt: it is a symbolic link: not imported/,
    );
    expect(JSON.parse(await readFile(path.join(inbox, "rejected", "linked.txt.report.json"), "utf8"))).toMatchObject({
      status: "REJECTED",
    });
    // The link itself was moved; what it points at is where it was.
    expect((await stat(secret)).isFile()).toBe(true);
  });

  it("a file swapped for a link to an outside file of the same size and time while the inbox looks at it is never read", async () => {
    const original = digestText("May 9, 2025", [{ title: "A Public Inbox Paper", abstract: "Dropped in a folder." }]);
    const secretText = digestText("May 9, 2025", [{ title: "A Secret Inbox Paper", abstract: "Dropped in a folder." }]);
    expect(secretText.length).toBe(original.length);
    const file = path.join(inbox, "day.txt");
    const when = minuteAgo();
    await writeFile(file, original);
    await utimes(file, when, when);
    const secret = path.join(outside, "secret.txt");
    await writeFile(secret, secretText);
    await utimes(secret, when, when);

    // Swapped between the inbox's two looks at the file.
    const swap = async () => {
      await unlink(file);
      await symlink(secret, file);
    };
    const first = await run({ betweenLooks: swap });
    // A later run (a second on, so the link made just now has settled) files the link under rejected/.
    const second = await run({ settleMs: 0, now: new Date(Date.now() + 1_000) });

    expect([...first.files, ...second.files]).toEqual([]);
    expect(second.skipped.map((s) => [s.file, s.reason.split(":")[0]])).toEqual([["day.txt", "it is a symbolic link"]]);
    expect(await paperCount("A Secret Inbox Paper")).toBe(0);
  });

  it("a link planted where a report goes is not written through: the file and its reports take the next free name", async () => {
    const victim = path.join(outside, "victim.txt");
    await writeFile(victim, "do not overwrite\n");
    await mkdir(path.join(inbox, "processed"));
    await symlink(victim, path.join(inbox, "processed", "may-9.txt.report.json"));
    // A dangling link takes its name too: nothing is created through it.
    await symlink(
      path.join(outside, "created-through-link.txt"),
      path.join(inbox, "processed", "may-9.txt.report.txt"),
    );
    await writeFile(
      path.join(inbox, "may-9.txt"),
      digestText("May 9, 2025", [{ title: "A Reported Paper", abstract: "With a report." }]),
    );
    await utimes(path.join(inbox, "may-9.txt"), minuteAgo(), minuteAgo());

    const result = await run();

    expect(result.files.map((f) => f.status)).toEqual(["IMPORTED"]);
    const filedAs = path.basename(result.files[0]!.movedTo);
    expect(filedAs).toMatch(/^may-9\.\d{8}T\d{6}Z\.txt$/);
    expect(await readFile(victim, "utf8")).toBe("do not overwrite\n");
    expect(await readdir(outside)).toEqual(["victim.txt"]);
    expect(await list("processed")).toEqual(
      [
        filedAs,
        `${filedAs}.report.json`,
        `${filedAs}.report.txt`,
        "may-9.txt.report.json",
        "may-9.txt.report.txt",
      ].sort(),
    );
    expect(JSON.parse(await readFile(path.join(inbox, "processed", `${filedAs}.report.json`), "utf8"))).toMatchObject({
      status: "IMPORTED",
    });
  });
});
