// The inbox's file-system steps that must not be fooled: names that are free (a dangling link still
// takes its name), reports created exclusively without following links, and files opened without
// following links and read through their handle only.
import { constants } from "node:fs";
import { lstat, open, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { DigestSource } from "./import";

/** lstat, not stat: a dangling symbolic link still takes its name. */
async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/** `name`, then name.<timestamp>.ext, name.<timestamp>-1.ext, ... */
function* candidateNames(name: string, now: Date): Generator<string> {
  yield name;
  const ext = path.extname(name);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  for (let n = 0; ; n++) yield `${path.basename(name, ext)}.${stamp}${n > 0 ? `-${n}` : ""}${ext}`;
}

/** The first candidate name under which the folder holds nothing yet. */
export async function freeName(dir: string, name: string, now: Date): Promise<string> {
  for (const candidate of candidateNames(name, now)) {
    if (!(await exists(path.join(dir, candidate)))) return candidate;
  }
  throw new Error("unreachable: candidateNames never ends");
}

const REPORT_SUFFIXES = [".report.json", ".report.txt"] as const;

/**
 * Creates the two reports under the first name free for the file and both reports, each with O_EXCL (and
 * O_NOFOLLOW), and returns the file's path. A name taken between the look and the create (another worker,
 * or someone planting a link) is passed over, never written through.
 */
export async function writeReports(
  dir: string,
  name: string,
  now: Date,
  contents: (movedTo: string) => [string, string],
): Promise<string> {
  for (const candidate of candidateNames(name, now)) {
    const movedTo = path.join(dir, candidate);
    if ((await exists(movedTo)) || (await exists(`${movedTo}.report.json`)) || (await exists(`${movedTo}.report.txt`)))
      continue;
    const texts = contents(movedTo);
    const created: string[] = [];
    try {
      for (const [i, suffix] of REPORT_SUFFIXES.entries()) {
        const handle = await open(
          `${movedTo}${suffix}`,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          0o644,
        );
        created.push(`${movedTo}${suffix}`);
        try {
          await handle.writeFile(texts[i]!);
        } finally {
          await handle.close();
        }
      }
      return movedTo;
    } catch (error) {
      for (const file of created) await rm(file, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST" && code !== "ELOOP") throw error;
    }
  }
  throw new Error("unreachable: candidateNames never ends");
}

/**
 * Opens without following a final symbolic link (ELOOP) and without blocking on a FIFO, then asks the open
 * handle, not the path, what it is: whatever the path points to later, only this handle is read.
 */
export async function openRegularFile(
  file: string,
): Promise<{ handle: FileHandle; size: number } | { reason: string }> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") return { reason: "it is a symbolic link" };
    throw error;
  }
  const info = await handle.stat();
  if (info.isFile()) return { handle, size: info.size };
  await handle.close();
  return { reason: info.isDirectory() ? "it is a directory" : "it is not a regular file (a FIFO, socket or device)" };
}

/** The open handle as an import source; every open() reads it from the start (the importer may read twice). */
export function handleSource(name: string, handle: FileHandle, size: number): DigestSource {
  return { name, size, open: () => handle.createReadStream({ start: 0, autoClose: false, highWaterMark: 256 * 1024 }) };
}
