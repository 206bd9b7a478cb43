// Owns what an uploaded file would do to the catalogue, as the preview shows it: its papers compared
// with the catalogue (compare.ts), its problems with their lines, its date and where that came from.
// Reads the database, never writes it.
import type pg from "pg";
import { linesOfText } from "../ingest/lines";
import { compareWithCatalogue } from "./compare";
import type { DateSource, PreviewSummary } from "./types";

/** Papers listed per category, problems listed: a 20 MB file's full lists would swamp the page and the stored summary. */
const LIST_LIMIT = 100;
const PROBLEM_LIMIT = 200;
const LINE_TEXT_LENGTH = 200;

export type SummarizeOptions = { sha256: string; today: string; /** YYYY-MM-DD chosen by the admin. */ date?: string };
export type SummarizeResult = { ok: true; summary: PreviewSummary } | { ok: false; error: string };

/** The latest import of these bytes, if any: a preview made before it asks again on load and on Import (stale.ts). */
export async function earlierImport(pool: pg.Pool, sha256: string): Promise<PreviewSummary["alreadyImported"]> {
  const { rows } = await pool.query<{ id: number; started_at: Date; imported_by: string; digest_date: string | null }>(
    `SELECT id, started_at, imported_by, to_char(digest_date, 'YYYY-MM-DD') AS digest_date
     FROM import_run WHERE sha256 = $1 AND status = 'IMPORTED' ORDER BY started_at DESC, id DESC LIMIT 1`,
    [sha256],
  );
  const run = rows[0];
  return run
    ? { runId: run.id, at: run.started_at.toISOString(), by: run.imported_by, digestDate: run.digest_date }
    : null;
}

/** The text of the given 1-based lines of a text digest, numbered as the parser numbers them (LF, CRLF, CR), cut short. */
export function linesOf(bytes: Uint8Array, wanted: Set<number>): Map<number, string> {
  return linesOfText(new TextDecoder("utf-8").decode(bytes), wanted, LINE_TEXT_LENGTH);
}

async function digestSize(pool: pg.Pool, date: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM digest_entry e JOIN digest d ON d.id = e.digest_id WHERE d.date = $1::date`,
    [date],
  );
  return rows[0]?.n ?? 0;
}

/**
 * A file without a date line is still previewed (the admin picks the date on the page): today stands
 * in for its date meanwhile. A file imported before keeps that import's date unless the admin picks
 * another, so importing it again really changes nothing.
 */
export async function summarizeDigest(
  pool: pg.Pool,
  bytes: Uint8Array,
  options: SummarizeOptions,
): Promise<SummarizeResult> {
  const alreadyImported = await earlierImport(pool, options.sha256);
  const date = options.date ?? alreadyImported?.digestDate ?? undefined;
  const outcome = await compareWithCatalogue(
    pool,
    bytes,
    { today: options.today, date, fallbackDate: options.today },
    { papers: LIST_LIMIT, problems: PROBLEM_LIMIT },
  );
  if (!outcome.ok) return outcome;
  const parsed = outcome.comparison;
  let dateSource: DateSource = options.date ? "chosen" : alreadyImported?.digestDate ? "earlier-import" : "file";
  if (parsed.dateMissing) dateSource = "missing";

  let dateNote: string | null = null;
  if (parsed.format === "TEXT") {
    const wanted = new Set(parsed.problems.map((problem) => problem.line));
    if (dateSource === "file" && parsed.dateLine !== null) wanted.add(parsed.dateLine);
    const texts = linesOf(bytes, wanted);
    for (const problem of parsed.problems) problem.text = texts.get(problem.line) ?? null;
    const dateText = parsed.dateLine === null ? undefined : texts.get(parsed.dateLine);
    if (dateSource === "file" && dateText !== undefined && !/\d{4}/.test(dateText)) {
      dateNote =
        `the date line "${dateText}" (line ${parsed.dateLine}) has no year; ` +
        `${parsed.date} is the latest such day up to today: check it`;
    }
  }
  if (dateSource === "missing") dateNote = "the file has no date line: choose the digest date";

  const digestDate = dateSource === "missing" ? null : parsed.date;
  return {
    ok: true,
    summary: {
      format: parsed.format,
      digestDate,
      dateSource,
      dateNote,
      papers: parsed.papers,
      counts: parsed.counts,
      newPapers: parsed.newPapers,
      changedPapers: parsed.changedPapers,
      knownPapers: parsed.knownPapers,
      listLimit: LIST_LIMIT,
      problems: parsed.problems,
      moreProblems: parsed.moreProblems,
      alreadyImported,
      existingDigestPapers: digestDate ? await digestSize(pool, digestDate) : 0,
    },
  };
}
