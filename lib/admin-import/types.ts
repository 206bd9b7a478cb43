// Owns the shapes of an import preview, shared by the lib, the route handlers and the page's client component.
import type { DigestFormat } from "../ingest/types";
import type { DiffPart } from "./diff";

export type PreviewPaper = { line: number; title: string };
export type KnownPaper = PreviewPaper & { slug: string };
export type ChangedPaper = KnownPaper & {
  /** The catalogue's title when the file spells it differently (same paper by normalized title), else null. */
  titleBefore: string | null;
  /** Empty when the paper's text stays (only `adds` changes, or a newer digest already has its text). */
  abstractDiff: DiffPart[];
  /** The catalogue's title when the paper was found by its arXiv id under another title: that title and its URL stay. */
  knownAs: string | null;
  /** What the file brings besides text. */
  adds: ("authors" | "upstream upvotes")[];
};
export type PreviewProblem = {
  line: number;
  message: string;
  /** The file's text on that line (text digests), cut short. */ text: string | null;
};

export type DateSource = "file" | "chosen" | "earlier-import" | "missing";

/** What Import would do, computed when the file is uploaded (and again when the date changes). */
export type PreviewSummary = {
  format: DigestFormat;
  /** The date Import uses; null until one is chosen. */
  digestDate: string | null;
  dateSource: DateSource;
  /** Why the date deserves a look (missing, or a date line without a year); null when it is certain. */
  dateNote: string | null;
  papers: number;
  counts: { new: number; changed: number; known: number; skipped: number };
  /** Each list holds at most listLimit papers; the counts are complete. */
  newPapers: PreviewPaper[];
  changedPapers: ChangedPaper[];
  knownPapers: KnownPaper[];
  listLimit: number;
  problems: PreviewProblem[];
  moreProblems: number;
  /** The same bytes were imported before: Import again changes nothing. */
  alreadyImported: { runId: number; at: string; by: string; digestDate: string | null } | null;
  /** Papers the catalogue already has in a digest of that date (this file's papers join it). */
  existingDigestPapers: number;
};

export type PreviewView = {
  id: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  summary: PreviewSummary;
};

/** A file that could not be previewed: nothing was stored. */
export type RejectedUpload = { file: string; error: string };

export type ConfirmedImport = {
  runId: number;
  file: string;
  status: "IMPORTED" | "REJECTED" | "UNCHANGED";
  digestDate: string | null;
  counts: { new: number; updated: number; unchanged: number; skipped: number };
  problems: number;
  error: string | null;
};
