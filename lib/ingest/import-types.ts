// What the importer takes and answers: a source of bytes, its options, and the summary every entry
// point (CLI, worker, inbox, admin upload, fetch) prints or shows.
import type { DigestFormat, ParseOptions, Problem } from "./types";

export type DigestSource = {
  name: string;
  size: number;
  /** Opens the bytes; may be called twice (a rejected file is hashed in full for the record). */
  open(): AsyncIterable<Uint8Array>;
};

export type ImportOptions = ParseOptions & {
  /** "cli:<os user>" or "user:<email>". */
  importedBy: string;
  strict?: boolean;
  /** Where the digest came from, stored on the Digest; by default named after the format (DIGEST_SOURCES). */
  source?: string;
  /** The request a fetched digest came from (lib/fetch), kept on the ImportRun. */
  sourceUrl?: string;
  onProgress?: (bytesRead: number) => void;
};

export type ImportStatus = "IMPORTED" | "REJECTED" | "UNCHANGED";

export type ImportSummary = {
  importRunId: number;
  file: string;
  size: number;
  sha256: string;
  format: DigestFormat;
  status: ImportStatus;
  digestDate: string | null;
  counts: { new: number; updated: number; unchanged: number; skipped: number };
  /** Digest entries this run added (a known paper in a new digest adds one). */
  entriesAdded: number;
  problems: Problem[];
  /** Problems beyond the ones listed. */
  moreProblems: number;
  error: string | null;
  bulk: boolean;
  durationMs: number;
};
