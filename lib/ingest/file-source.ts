// A digest file on disk as an import source.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { DigestSource } from "./import";

export async function fileSource(filePath: string): Promise<DigestSource> {
  const info = await stat(filePath).catch(() => null);
  if (!info) throw new Error(`${filePath}: no such file`);
  if (!info.isFile()) throw new Error(`${filePath}: not a regular file`);
  return {
    name: path.basename(filePath),
    size: info.size,
    open: () => createReadStream(filePath, { highWaterMark: 256 * 1024 }),
  };
}
