// Owns the admin upload limits: bytes per file (ADMIN_IMPORT_MAX_MB), files at once, how long a preview lives.
import { env } from "../env";

export type ImportLimits = {
  maxFileBytes: number;
  /** Whole request body: one file plus its multipart framing (the page sends one file per request). */
  maxRequestBytes: number;
  /** Files in one request, and previews one admin may have waiting for Import or Cancel. */
  maxFiles: number;
  previewTtlMs: number;
};

const MAX_FILES = 20;
const PREVIEW_TTL_MS = 60 * 60 * 1000;
/** Multipart headers and boundaries around the file; generous so a file just under the limit is never refused. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function importLimits(maxMb: number = env().ADMIN_IMPORT_MAX_MB): ImportLimits {
  const maxFileBytes = Math.floor(maxMb * 1024 * 1024);
  return {
    maxFileBytes,
    maxRequestBytes: maxFileBytes + MULTIPART_OVERHEAD_BYTES,
    maxFiles: MAX_FILES,
    previewTtlMs: PREVIEW_TTL_MS,
  };
}
