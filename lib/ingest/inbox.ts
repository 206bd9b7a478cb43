// Owns the digest inbox: files dropped in a folder are claimed, imported like any other, and filed with a report.
//
//   <inbox>/name.json            waiting (ignored while still being written: see isSettled)
//   <inbox>/.claimed/<w>-name    being imported by worker <w>
//   <inbox>/processed/name       imported or unchanged, with name.report.json and name.report.txt beside it
//   <inbox>/rejected/name        rejected, with the same reports saying why
//
// Claiming is a rename into .claimed/: rename is atomic on one filesystem, so of two workers racing for a
// file exactly one succeeds and the other gets ENOENT. A worker that dies between claim and filing leaves
// its file in .claimed/; once the claim is older than the lease (its mtime is set at claim time) the next
// run puts it back in the inbox. An import that cannot finish for a reason other than the file (the
// database is down) puts the file straight back, so the next tick retries it.
//
// The inbox may be writable by others, so nothing in it is trusted to stay what the listing saw. A claimed
// file is opened with O_NOFOLLOW and checked with fstat on the open handle, and only that handle is read:
// a symbolic link (listed as one, or swapped in after the listing) or anything else that is not a regular
// file is never imported; it is filed under rejected/ with a report saying why. Reports are created
// exclusively (O_CREAT | O_EXCL | O_NOFOLLOW), so nothing already at a report path, a planted link
// included, is ever written through. When the file's name or either report name is taken in processed/
// or rejected/, the file and its reports get the next free name: name.<timestamp>.ext, then
// name.<timestamp>-1.ext, and so on.
import { lstat, mkdir, readdir, rename } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { formatSummary } from "./format-summary";
import { importDigest, type ImportStatus, type ImportSummary } from "./import";
import { freeName, handleSource, openRegularFile, writeReports } from "./inbox-files";

const CLAIMED_DIR = ".claimed";
const PROCESSED_DIR = "processed";
const REJECTED_DIR = "rejected";
/** A file modified more recently than this may still be growing. */
const SETTLE_MS = 10_000;
/** A claim older than this belongs to a worker that died. Imports of the largest digests take about a minute. */
const CLAIM_LEASE_MS = 10 * 60_000;
/** Writers that write under a temporary name and rename when done: never pick those names up. */
const IN_PROGRESS_SUFFIXES = [".part", ".tmp", ".partial", ".crdownload"];

export type InboxOptions = {
  inboxDir: string;
  workerId: string;
  /** The clock the settle time and the claim lease are measured against. */
  now: Date;
  /** The import day (YYYY-MM-DD) for files whose date line has no year; defaults to now's UTC day. */
  today?: string;
  settleMs?: number;
  leaseMs?: number;
  /** The pause between the two looks at each file's size; a file still growing is left for the next run. */
  recheckMs?: number;
  /** Replaces that pause (tests change files here to drive the two looks); defaults to sleeping recheckMs. */
  betweenLooks?: () => Promise<void>;
};

type InboxFileResult = { file: string; status: ImportStatus; movedTo: string; summary: ImportSummary };

/** A file that was claimed but never read: it was not a regular file (a symbolic link, a FIFO...). */
type InboxSkippedFile = { file: string; reason: string; movedTo: string };

export type InboxResult = { files: InboxFileResult[]; busy: string[]; requeued: string[]; skipped: InboxSkippedFile[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Worker ids become part of file names; "-" is the separator, so it cannot appear in them. */
function claimPrefix(workerId: string): string {
  return workerId.replace(/[^A-Za-z0-9_.]/g, "_");
}

function isCandidateName(name: string): boolean {
  const lower = name.toLowerCase();
  return !name.startsWith(".") && !IN_PROGRESS_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** Claims older than the lease go back to the inbox under their own names. */
async function requeueStaleClaims(inboxDir: string, now: Date, leaseMs: number): Promise<string[]> {
  const claimedDir = path.join(inboxDir, CLAIMED_DIR);
  const requeued: string[] = [];
  for (const claimed of await readdir(claimedDir)) {
    const info = await lstat(path.join(claimedDir, claimed)).catch(() => null);
    if (!info || now.getTime() - info.mtimeMs < leaseMs) continue;
    const name = claimed.slice(claimed.indexOf("-") + 1);
    const target = await freeName(inboxDir, name, now);
    // Another worker may be requeueing the same claim: only one rename succeeds.
    const moved = await rename(path.join(claimedDir, claimed), path.join(inboxDir, target)).then(
      () => true,
      () => false,
    );
    if (moved) requeued.push(target);
  }
  return requeued;
}

type Look = { name: string; size: number; mtimeMs: number };

/**
 * Visible, settled entries: not modified within settleMs, same size and mtime at both looks. Regular files
 * and symbolic links (as links: lstat) are listed; a link is claimed only to be filed under rejected/.
 */
async function settledFiles(inboxDir: string, options: InboxOptions, busy: string[]): Promise<string[]> {
  const settleMs = options.settleMs ?? SETTLE_MS;
  const look = async (names: string[]): Promise<Look[]> => {
    const looks: Look[] = [];
    for (const name of names) {
      const info = await lstat(path.join(inboxDir, name)).catch(() => null);
      if (info?.isFile() || info?.isSymbolicLink()) looks.push({ name, size: info.size, mtimeMs: info.mtimeMs });
    }
    return looks;
  };
  const entries = await readdir(inboxDir, { withFileTypes: true });
  const first = await look(
    entries
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && isCandidateName(entry.name))
      .map((entry) => entry.name),
  );
  const quiet = first.filter((file) => {
    const settled = options.now.getTime() - file.mtimeMs >= settleMs;
    if (!settled) busy.push(file.name);
    return settled;
  });
  if (quiet.length === 0) return [];
  await (options.betweenLooks ? options.betweenLooks() : sleep(options.recheckMs ?? 500));
  const second = new Map((await look(quiet.map((file) => file.name))).map((file) => [file.name, file]));
  return quiet
    .filter((file) => {
      const again = second.get(file.name);
      // Gone: another worker claimed it meanwhile. Changed: still being written.
      if (again && (again.size !== file.size || again.mtimeMs !== file.mtimeMs)) busy.push(file.name);
      return again !== undefined && again.size === file.size && again.mtimeMs === file.mtimeMs;
    })
    .map((file) => file.name);
}

function reportText(summary: ImportSummary, movedTo: string, workerId: string, now: Date): string {
  return [
    formatSummary(summary),
    "",
    `format: ${summary.format === "HF_JSON" ? "Hugging Face JSON" : "text digest"}`,
    `sha256: ${summary.sha256}`,
    `import run: #${summary.importRunId} by inbox:${workerId} at ${now.toISOString()}`,
    `filed as: ${movedTo}`,
    "",
  ].join("\n");
}

/** Imports every settled file in the inbox once, whichever worker gets to it; see the module header. */
export async function processInbox(pool: pg.Pool, options: InboxOptions): Promise<InboxResult> {
  const { inboxDir, workerId, now } = options;
  const claimedDir = path.join(inboxDir, CLAIMED_DIR);
  for (const dir of [inboxDir, claimedDir, path.join(inboxDir, PROCESSED_DIR), path.join(inboxDir, REJECTED_DIR)]) {
    await mkdir(dir, { recursive: true });
  }
  const requeued = await requeueStaleClaims(inboxDir, now, options.leaseMs ?? CLAIM_LEASE_MS);
  const busy: string[] = [];
  const files: InboxFileResult[] = [];
  const skipped: InboxSkippedFile[] = [];
  const today = options.today ?? now.toISOString().slice(0, 10);

  for (const name of await settledFiles(inboxDir, options, busy)) {
    const claimed = path.join(claimedDir, `${claimPrefix(workerId)}-${name}`);
    try {
      await rename(path.join(inboxDir, name), claimed);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // another worker claimed it first
      throw error;
    }
    const opened = await openRegularFile(claimed);
    if ("reason" in opened) {
      const reason = `${opened.reason}: not imported; the inbox imports regular files only (copy the file in instead of linking it)`;
      const movedTo = await writeReports(path.join(inboxDir, REJECTED_DIR), name, now, (target) => [
        `${JSON.stringify({ file: name, status: "REJECTED", error: reason }, null, 2)}\n`,
        `✗ ${name}: ${reason}\n\nseen by inbox:${workerId} at ${now.toISOString()}\nfiled as: ${target}\n`,
      ]);
      await rename(claimed, movedTo); // moves the link itself, never what it points at
      skipped.push({ file: name, reason, movedTo });
      continue;
    }
    const { handle, size } = opened;
    let summary: ImportSummary;
    let movedTo: string;
    try {
      // The lease counts from the claim: rename keeps the writer's mtime.
      await handle.utimes(now, now);
      try {
        summary = await importDigest(pool, handleSource(name, handle, size), {
          today,
          importedBy: `inbox:${workerId}`,
        });
      } catch (error) {
        await rename(claimed, path.join(inboxDir, await freeName(inboxDir, name, now))).catch(() => undefined);
        throw error;
      }
      const dir = path.join(inboxDir, summary.status === "REJECTED" ? REJECTED_DIR : PROCESSED_DIR);
      const imported = summary;
      movedTo = await writeReports(dir, name, now, (target) => [
        `${JSON.stringify(imported, null, 2)}\n`,
        reportText(imported, target, workerId, now),
      ]);
    } finally {
      await handle.close();
    }
    await rename(claimed, movedTo);
    files.push({ file: name, status: summary.status, movedTo, summary });
  }
  return { files, busy, requeued, skipped };
}
