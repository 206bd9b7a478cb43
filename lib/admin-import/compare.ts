// Owns what a file would do to the catalogue, without doing it: its papers are staged and sorted by the
// importer's own rule (lib/ingest/classify.ts) in a transaction that is always rolled back.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { classifyStage, KIND } from "../ingest/classify";
import { DigestRejectedError } from "../ingest/rejected";
import { parseAnyDigest } from "../ingest/parse-any";
import { createStage, openStageWriter } from "../ingest/stage";
import type { DigestFormat, ParseOptions } from "../ingest/types";
import { diffWords } from "./diff";
import type { ChangedPaper, KnownPaper, PreviewPaper, PreviewProblem, PreviewSummary } from "./types";

type Comparison = {
  format: DigestFormat;
  date: string;
  dateLine: number | null;
  /** The file gave no date and options.fallbackDate stood in for it. */
  dateMissing: boolean;
  papers: number;
  counts: PreviewSummary["counts"];
  newPapers: PreviewPaper[];
  changedPapers: ChangedPaper[];
  knownPapers: KnownPaper[];
  problems: PreviewProblem[];
  moreProblems: number;
};
export type ComparisonOutcome = { ok: true; comparison: Comparison } | { ok: false; error: string };
/** Papers listed per kind and problems listed: a 20 MB file's full lists would swamp the page and the stored summary. */
export type ListLimits = { papers: number; problems: number };

type Staged = Omit<Comparison, "counts" | "newPapers" | "changedPapers" | "knownPapers"> & { skipped: number };
type Row = {
  line: number;
  title: string;
  abstract: string;
  slug: string | null;
  known_title: string | null;
  known_abstract: string | null;
  changed: boolean;
  by_arxiv: boolean;
  authors_changed: boolean;
  upstream_changed: boolean;
};

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function changedPaper(row: Row): ChangedPaper {
  const adds: ChangedPaper["adds"] = [];
  if (row.authors_changed) adds.push("authors");
  if (row.upstream_changed) adds.push("upstream upvotes");
  return {
    line: row.line,
    title: row.title,
    slug: row.slug!,
    titleBefore: row.changed && row.known_title !== row.title ? row.known_title : null,
    abstractDiff: row.changed ? diffWords(row.known_abstract!, row.abstract) : [],
    knownAs: row.by_arxiv ? row.known_title : null,
    adds,
  };
}

/** Parses the file into the staging table; the caller's transaction takes the table away again. */
async function stageFile(
  client: pg.PoolClient,
  stage: string,
  bytes: Uint8Array,
  options: ParseOptions,
  limits: ListLimits,
): Promise<Staged> {
  const result: Staged = {
    format: "TEXT",
    date: "",
    dateLine: null,
    dateMissing: false,
    papers: 0,
    skipped: 0,
    problems: [],
    moreProblems: 0,
  };
  const writer = openStageWriter(client, stage);
  try {
    for await (const event of parseAnyDigest(once(bytes), options)) {
      if (event.type === "format") result.format = event.format;
      else if (event.type === "date") {
        result.date = event.date;
        result.dateLine = event.line;
        result.dateMissing = event.fallback === true;
      } else if (event.type === "paper") {
        result.papers += 1;
        await writer.write(event.paper, result.papers);
      } else {
        if (event.skipsPaper) result.skipped += 1;
        if (result.problems.length < limits.problems) result.problems.push({ ...event.problem, text: null });
        else result.moreProblems += 1;
      }
    }
    await writer.finish();
  } catch (error) {
    writer.abort(error as Error);
    throw error;
  }
  return result;
}

/**
 * Sorts the file's papers into new, changed and known exactly as Import would on the catalogue as it
 * is now (the same staging, the same rule), and lists the first of each. Writes nothing that stays.
 */
export async function compareWithCatalogue(
  pool: pg.Pool,
  bytes: Uint8Array,
  options: ParseOptions,
  limits: ListLimits,
): Promise<ComparisonOutcome> {
  const client = await pool.connect();
  const stage = `preview_stage_${randomBytes(6).toString("hex")}`;
  try {
    await client.query("BEGIN");
    await createStage(client, stage);
    const staged = await stageFile(client, stage, bytes, options, limits);
    const { map, counts } = await classifyStage(client, stage, staged.date);
    const list = async (kind: keyof typeof KIND) => {
      const { rows } = await client.query<Row>(
        `SELECT m.line, s.title, s.abstract, p.slug, p.title AS known_title, p.abstract AS known_abstract,
                m.changed, m.by_arxiv, m.authors_changed, m.upstream_changed
         FROM (SELECT * FROM ${map} WHERE ${KIND[kind]} ORDER BY line LIMIT $1) m
         JOIN ${stage} s USING (line) LEFT JOIN paper p ON p.id = m.paper_id AND NOT m.is_new
         ORDER BY m.line`,
        [limits.papers],
      );
      return rows;
    };
    const { skipped, ...comparison } = staged;
    return {
      ok: true,
      comparison: {
        ...comparison,
        counts: { new: counts.new, changed: counts.updated, known: counts.unchanged, skipped },
        newPapers: (await list("new")).map((row) => ({ line: row.line, title: row.title })),
        changedPapers: (await list("updated")).map(changedPaper),
        knownPapers: (await list("unchanged")).map((row) => ({ line: row.line, title: row.title, slug: row.slug! })),
      },
    };
  } catch (error) {
    if (!(error instanceof DigestRejectedError)) throw error;
    return { ok: false, error: error.message };
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}
