// Imports one digest file in one transaction: parse (streaming) -> COPY to staging -> merge -> ImportRun.
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { refreshTrendingBoosts } from "../trending/refresh";
import { StagedTopics } from "../tags/staged-topics";
import { analyzeWritten } from "./analyze";
import { importSteps } from "./trace";
import { mergeStage } from "./merge";
import { duplicateMessage } from "./parse";
import { DigestRejectedError } from "./rejected";
import { parseAnyDigest } from "./parse-any";
import { duplicateEntryMessage } from "./parse-hf-json";
import { createStage, openStageWriter, removeDuplicateTitles } from "./stage";
import type { DigestSource, ImportOptions, ImportStatus, ImportSummary } from "./import-types";
import type { DigestFormat, Problem } from "./types";

export type { DigestSource, ImportOptions, ImportStatus, ImportSummary } from "./import-types";

/** Imports run one at a time (all writers of papers go through here), so merges never race. */
const IMPORT_LOCK = 0x5050_494d; // "PPIM"
/** Problems kept per run; the count beyond it is still reported. */
const MAX_RECORDED_PROBLEMS = 1000;

/** Digest.source for each format, unless the caller names one. */
const DIGEST_SOURCES: Record<DigestFormat, string> = { TEXT: "daily-papers-text", HF_JSON: "hf-daily-papers-json" };

/** A problem as a person reads it: JSON problems already name their entry, text ones need their line. */
function problemText(format: DigestFormat, problem: Problem): string {
  return format === "HF_JSON" ? problem.message : `line ${problem.line}: ${problem.message}`;
}

class ProblemLog {
  readonly kept: Problem[] = [];
  total = 0;
  add(problem: Problem) {
    this.total += 1;
    if (this.kept.length < MAX_RECORDED_PROBLEMS) this.kept.push(problem);
  }
  /** Problems come from the parser and from the database: report them in file order. */
  sorted(): Problem[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}

async function* hashing(
  source: AsyncIterable<Uint8Array>,
  hash: ReturnType<typeof createHash>,
  progress: (n: number) => void,
) {
  let bytes = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    bytes += chunk.length;
    progress(bytes);
    yield chunk;
  }
}

async function sha256Of(source: DigestSource): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of source.open()) hash.update(chunk);
  return hash.digest("hex");
}

export async function importDigest(
  pool: pg.Pool,
  source: DigestSource,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = new Date();
  const problems = new ProblemLog();
  const hash = createHash("sha256");
  let digestDate: string | null = null;
  let format: DigestFormat = "TEXT";
  let skipped = 0;
  const client = await pool.connect();
  let released = false;
  const stage = `import_stage_${randomBytes(6).toString("hex")}`;
  const step = importSteps();

  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [IMPORT_LOCK]);
    await createStage(client, stage);
    step("lock, create the stage");
    const writer = openStageWriter(client, stage);
    // Topic tags are matched as the papers stream by and kept in the staging rows (lib/tags/staged-topics.ts),
    // not in memory; the merge applies them.
    const topics = new StagedTopics();
    let position = 0;
    try {
      const events = parseAnyDigest(hashing(source.open(), hash, options.onProgress ?? (() => undefined)), {
        ...options,
        detectDuplicates: false,
      });
      for await (const event of events) {
        if (event.type === "format") {
          format = event.format;
        } else if (event.type === "date") {
          digestDate = event.date;
        } else if (event.type === "paper") {
          position += 1;
          await writer.write(event.paper, position, topics.match(event.paper.title, event.paper.abstract));
        } else if (event.type === "problem") {
          if (options.strict) {
            throw new DigestRejectedError(
              `--strict: ${problemText(format, event.problem)}; fix the file or import without --strict`,
              event.problem.line,
            );
          }
          if (event.skipsPaper) skipped += 1;
          problems.add(event.problem);
        }
      }
      await writer.finish();
      step(`parse and COPY ${position} papers`);
    } catch (error) {
      writer.abort(error as Error);
      throw error;
    }
    const sha256 = hash.digest("hex");

    const duplicates = await removeDuplicateTitles(client, stage, MAX_RECORDED_PROBLEMS);
    step("remove duplicate titles");
    const duplicateProblem = (d: (typeof duplicates.first)[number]): Problem =>
      format === "HF_JSON"
        ? { line: d.line, message: `entry ${d.line}: ${duplicateEntryMessage(d.firstLine, d.title)}` }
        : { line: d.line, message: duplicateMessage(d.firstLine, d.title) };
    if (duplicates.total > 0 && options.strict) {
      const first = duplicates.first[0]!;
      throw new DigestRejectedError(
        `--strict: ${problemText(format, duplicateProblem(first))}; fix the file or import without --strict`,
        first.line,
      );
    }
    skipped += duplicates.total;
    for (const duplicate of duplicates.first) problems.add(duplicateProblem(duplicate));
    problems.total += duplicates.total - duplicates.first.length;

    const {
      rows: [run],
    } = await client.query<{ id: number }>(
      `INSERT INTO import_run (file_name, file_size, sha256, imported_by, started_at, status, digest_date, format, source_url)
       VALUES ($1, $2, $3, $4, $5, 'IMPORTED', $6, $7::"DigestFormat", $8) RETURNING id`,
      [source.name, source.size, sha256, options.importedBy, started, digestDate, format, options.sourceUrl ?? null],
    );
    const merged = await mergeStage(
      client,
      stage,
      { date: digestDate!, source: options.source ?? DIGEST_SOURCES[format], importRunId: run!.id, papers: position },
      (problem) => problems.add(problem),
    );
    step("merge");
    // Only papers whose upstream count moved (JSON imports): text imports skip this, however big.
    await refreshTrendingBoosts(client, merged.upstreamChanged);
    const status: ImportStatus =
      merged.new === 0 && merged.updated === 0 && merged.entriesAdded === 0 ? "UNCHANGED" : "IMPORTED";
    const counts = { new: merged.new, updated: merged.updated, unchanged: merged.unchanged, skipped };
    await client.query(
      `UPDATE import_run SET status = $2, finished_at = now(), new_count = $3, updated_count = $4,
         unchanged_count = $5, skipped_count = $6, problems = $7 WHERE id = $1`,
      [
        run!.id,
        status,
        counts.new,
        counts.updated,
        counts.unchanged,
        counts.skipped,
        JSON.stringify(problems.sorted()),
      ],
    );
    await client.query(`DROP TABLE ${stage}`);
    step("trending boosts, import_run, drop the stage");
    await client.query("COMMIT");
    step("COMMIT");
    // Back to the pool first: the ANALYZE below spreads its tables over the pool's connections.
    client.release();
    released = true;
    // After COMMIT: the import stands whatever happens here, and autovacuum would get there later anyway.
    const analyzed = await analyzeWritten(pool, merged.written).catch((error: Error) => {
      console.error(`[import] ANALYZE after the import failed (autovacuum will catch up): ${error.message}`);
      return [];
    });
    step(`ANALYZE ${analyzed.join(", ") || "(nothing)"}`);
    return {
      importRunId: run!.id,
      file: source.name,
      size: source.size,
      sha256,
      format,
      status,
      digestDate,
      counts,
      entriesAdded: merged.entriesAdded,
      problems: problems.sorted(),
      moreProblems: problems.total - problems.kept.length,
      error: null,
      bulk: merged.bulk,
      durationMs: Date.now() - started.getTime(),
    };
  } catch (error) {
    if (!released) await client.query("ROLLBACK").catch(() => undefined);
    if (!(error instanceof DigestRejectedError)) throw error;
    return recordRejection(pool, source, options, started, error, problems, digestDate, format);
  } finally {
    if (!released) client.release();
  }
}

/**
 * A source that never arrived whole (a fetch that failed: HTTP error, reset, redirect, oversize) or an
 * upload the preview refused (a binary file) is recorded like a rejected file, so the import history
 * shows every attempt in one place.
 */
export function recordUnreadableSource(
  pool: pg.Pool,
  source: DigestSource,
  options: ImportOptions,
  message: string,
  format: DigestFormat = "HF_JSON",
): Promise<ImportSummary> {
  const digestDate = options.date ?? null;
  return recordRejection(
    pool,
    source,
    options,
    new Date(),
    new DigestRejectedError(message),
    new ProblemLog(),
    digestDate,
    format,
  );
}

/** A rejected file leaves the catalogue untouched; only the history records that it was tried. */
async function recordRejection(
  pool: pg.Pool,
  source: DigestSource,
  options: ImportOptions,
  started: Date,
  error: DigestRejectedError,
  problems: ProblemLog,
  digestDate: string | null,
  format: DigestFormat,
): Promise<ImportSummary> {
  const sha256 = await sha256Of(source);
  const message = error.message;
  const {
    rows: [run],
  } = await pool.query<{ id: number }>(
    `INSERT INTO import_run (file_name, file_size, sha256, imported_by, started_at, finished_at, status, digest_date, problems, error, format, source_url)
     VALUES ($1, $2, $3, $4, $5, now(), 'REJECTED', $6, $7, $8, $9::"DigestFormat", $10) RETURNING id`,
    [
      source.name,
      source.size,
      sha256,
      options.importedBy,
      started,
      digestDate,
      JSON.stringify(problems.kept),
      message,
      format,
      options.sourceUrl ?? null,
    ],
  );
  return {
    importRunId: run!.id,
    file: source.name,
    size: source.size,
    sha256,
    format,
    status: "REJECTED",
    digestDate,
    counts: { new: 0, updated: 0, unchanged: 0, skipped: 0 },
    entriesAdded: 0,
    problems: problems.kept,
    moreProblems: problems.total - problems.kept.length,
    error: message,
    bulk: false,
    durationMs: Date.now() - started.getTime(),
  };
}
