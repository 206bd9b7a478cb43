// Owns what an uploaded file would do to the catalogue: parse it, compare its papers with the catalogue, list its problems.
// Reads the database, never writes it.
import type pg from "pg";
import { parseAnyDigest } from "../ingest/parse-any";
import { DigestRejectedError } from "../ingest/parse";
import type { DigestFormat, ParsedPaper } from "../ingest/types";
import { diffWords } from "./diff";
import type { ChangedPaper, DateSource, KnownPaper, PreviewPaper, PreviewProblem, PreviewSummary } from "./types";

/** Papers listed per category, problems listed: a 20 MB file's full lists would swamp the page and the stored summary. */
export const LIST_LIMIT = 100;
const PROBLEM_LIMIT = 200;
const LINE_TEXT_LENGTH = 200;
/** Papers compared with the catalogue per query. */
const BATCH = 500;

export type SummarizeOptions = { sha256: string; today: string; /** YYYY-MM-DD chosen by the admin. */ date?: string };
export type SummarizeResult = { ok: true; summary: PreviewSummary } | { ok: false; error: string };

type Parsed = {
  format: DigestFormat;
  date: string;
  dateLine: number | null;
  papers: number;
  counts: PreviewSummary["counts"];
  newPapers: PreviewPaper[];
  changedPapers: ChangedPaper[];
  knownPapers: KnownPaper[];
  problems: PreviewProblem[];
  moreProblems: number;
};
type ParseOutcome = { ok: true; parsed: Parsed } | { ok: false; error: string; sawDate: boolean };

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function earlierImport(pool: pg.Pool, sha256: string): Promise<PreviewSummary["alreadyImported"]> {
  const { rows } = await pool.query<{ id: number; started_at: Date; imported_by: string; digest_date: string | null }>(
    `SELECT id, started_at, imported_by, to_char(digest_date, 'YYYY-MM-DD') AS digest_date
     FROM import_run WHERE sha256 = $1 AND status = 'IMPORTED' ORDER BY started_at DESC, id DESC LIMIT 1`,
    [sha256],
  );
  const run = rows[0];
  return run ? { runId: run.id, at: run.started_at.toISOString(), by: run.imported_by, digestDate: run.digest_date } : null;
}

/** Sorts a batch into new / changed / known exactly as lib/ingest/merge.ts will (the newest digest's text wins). */
async function compareBatch(pool: pg.Pool, batch: ParsedPaper[], date: string, parsed: Parsed): Promise<void> {
  if (batch.length === 0) return;
  const { rows } = await pool.query<{ title_key: string; slug: string; title: string; abstract: string; newer: boolean }>(
    `SELECT p.title_key, p.slug, p.title, p.abstract,
            EXISTS (SELECT 1 FROM digest_entry e JOIN digest d ON d.id = e.digest_id
                    WHERE e.paper_id = p.id AND d.date > $2::date) AS newer
     FROM paper p WHERE p.title_key = ANY($1::text[])`,
    [batch.map((paper) => paper.titleKey), date],
  );
  const known = new Map(rows.map((row) => [row.title_key, row]));
  for (const paper of batch) {
    const row = known.get(paper.titleKey);
    if (!row) {
      parsed.counts.new += 1;
      if (parsed.newPapers.length < LIST_LIMIT) parsed.newPapers.push({ line: paper.line, title: paper.title });
    } else if ((row.title !== paper.title || row.abstract !== paper.abstract) && !row.newer) {
      parsed.counts.changed += 1;
      if (parsed.changedPapers.length < LIST_LIMIT) {
        parsed.changedPapers.push({
          line: paper.line,
          title: paper.title,
          slug: row.slug,
          titleBefore: row.title === paper.title ? null : row.title,
          abstractDiff: diffWords(row.abstract, paper.abstract),
        });
      }
    } else {
      parsed.counts.known += 1;
      if (parsed.knownPapers.length < LIST_LIMIT) parsed.knownPapers.push({ line: paper.line, title: paper.title, slug: row.slug });
    }
  }
}

async function parseAndCompare(pool: pg.Pool, bytes: Uint8Array, today: string, date: string | undefined): Promise<ParseOutcome> {
  const parsed: Parsed = {
    format: "TEXT",
    date: "",
    dateLine: null,
    papers: 0,
    counts: { new: 0, changed: 0, known: 0, skipped: 0 },
    newPapers: [],
    changedPapers: [],
    knownPapers: [],
    problems: [],
    moreProblems: 0,
  };
  let batch: ParsedPaper[] = [];
  let sawDate = false;
  try {
    for await (const event of parseAnyDigest(once(bytes), { today, date })) {
      if (event.type === "format") parsed.format = event.format;
      else if (event.type === "date") {
        sawDate = true;
        parsed.date = event.date;
        parsed.dateLine = event.line;
      } else if (event.type === "paper") {
        parsed.papers += 1;
        batch.push(event.paper);
        if (batch.length >= BATCH) {
          await compareBatch(pool, batch, parsed.date, parsed);
          batch = [];
        }
      } else {
        if (event.skipsPaper) parsed.counts.skipped += 1;
        if (parsed.problems.length < PROBLEM_LIMIT) parsed.problems.push({ ...event.problem, text: null });
        else parsed.moreProblems += 1;
      }
    }
  } catch (error) {
    if (!(error instanceof DigestRejectedError)) throw error;
    return { ok: false, error: error.message, sawDate };
  }
  await compareBatch(pool, batch, parsed.date, parsed);
  return { ok: true, parsed };
}

/** The text of the given 1-based lines of a text digest (line breaks as the parser counts them: LF, CRLF, CR). */
export function linesOf(bytes: Uint8Array, wanted: Set<number>): Map<number, string> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  const text = new TextDecoder("utf-8").decode(bytes);
  let line = 1;
  let start = 0;
  for (let i = 0; i <= text.length && line <= last; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (code !== 10 && code !== 13) continue;
    if (wanted.has(line)) {
      const value = text.slice(start, i).trim();
      found.set(line, value.length > LINE_TEXT_LENGTH ? `${value.slice(0, LINE_TEXT_LENGTH - 1)}…` : value);
    }
    if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
    line++;
    start = i + 1;
  }
  return found;
}

async function digestSize(pool: pg.Pool, date: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM digest_entry e JOIN digest d ON d.id = e.digest_id WHERE d.date = $1::date`,
    [date],
  );
  return rows[0]?.n ?? 0;
}

/**
 * A file without a date line is still previewed (the admin picks the date on the page): the parser
 * refuses it before its first paper, so it is read again with a stand-in date to show its papers.
 * A file imported before keeps that import's date unless the admin picks another, so importing
 * it again really changes nothing.
 */
export async function summarizeDigest(pool: pg.Pool, bytes: Uint8Array, options: SummarizeOptions): Promise<SummarizeResult> {
  const alreadyImported = await earlierImport(pool, options.sha256);
  const date = options.date ?? alreadyImported?.digestDate ?? undefined;
  let dateSource: DateSource = options.date ? "chosen" : alreadyImported?.digestDate ? "earlier-import" : "file";
  let outcome = await parseAndCompare(pool, bytes, options.today, date);
  if (!outcome.ok && !outcome.sawDate && date === undefined) {
    outcome = await parseAndCompare(pool, bytes, options.today, options.today);
    dateSource = "missing";
  }
  if (!outcome.ok) return { ok: false, error: outcome.error };
  const parsed = outcome.parsed;

  let dateNote: string | null = null;
  if (parsed.format === "TEXT") {
    const wanted = new Set(parsed.problems.map((problem) => problem.line));
    if (dateSource === "file" && parsed.dateLine !== null) wanted.add(parsed.dateLine);
    const texts = linesOf(bytes, wanted);
    for (const problem of parsed.problems) problem.text = texts.get(problem.line) ?? null;
    const dateText = parsed.dateLine === null ? undefined : texts.get(parsed.dateLine);
    if (dateSource === "file" && dateText !== undefined && !/\d{4}/.test(dateText)) {
      dateNote = `the date line "${dateText}" (line ${parsed.dateLine}) has no year; ${parsed.date} is the latest such day up to today: check it`;
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
