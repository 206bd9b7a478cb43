// Owns the import history the admin pages read: every ImportRun (command line, inbox or web), newest first, and one run's papers.
import "server-only";
import { Prisma } from "../db/generated/client";
import { db } from "../db/prisma";
import type { DigestFormat, Problem } from "../ingest/types";

const HISTORY_PAGE_SIZE = 25;
/** A run's papers listed on its page; a bulk import of a million papers links to the digest instead. */
const DETAIL_PAPER_LIMIT = 500;

export type ImportRunRow = {
  id: number;
  fileName: string;
  fileSize: number;
  sha256: string;
  importedBy: string;
  format: DigestFormat;
  startedAt: string;
  finishedAt: string | null;
  status: "IMPORTED" | "REJECTED" | "UNCHANGED";
  digestDate: string | null;
  counts: { new: number; updated: number; unchanged: number; skipped: number };
  problemCount: number;
  error: string | null;
};

export type ImportRunDetail = ImportRunRow & {
  problems: Problem[];
  papers: { slug: string; title: string; position: number }[];
  paperCount: number;
};

const RUN_COLUMNS =
  Prisma.raw(`id, file_name, file_size::float8 AS file_size, sha256, imported_by, format::text AS format, started_at, finished_at,
  status::text AS status, to_char(digest_date, 'YYYY-MM-DD') AS digest_date, new_count, updated_count, unchanged_count,
  skipped_count, jsonb_array_length(problems) AS problem_count, error`);

type RunRecord = {
  id: number;
  file_name: string;
  file_size: number;
  sha256: string;
  imported_by: string;
  format: DigestFormat;
  started_at: Date;
  finished_at: Date | null;
  status: ImportRunRow["status"];
  digest_date: string | null;
  new_count: number;
  updated_count: number;
  unchanged_count: number;
  skipped_count: number;
  problem_count: number;
  error: string | null;
};

function toRow(record: RunRecord): ImportRunRow {
  return {
    id: record.id,
    fileName: record.file_name,
    fileSize: record.file_size,
    sha256: record.sha256,
    importedBy: record.imported_by,
    format: record.format,
    startedAt: record.started_at.toISOString(),
    finishedAt: record.finished_at?.toISOString() ?? null,
    status: record.status,
    digestDate: record.digest_date,
    counts: {
      new: record.new_count,
      updated: record.updated_count,
      unchanged: record.unchanged_count,
      skipped: record.skipped_count,
    },
    problemCount: record.problem_count,
    error: record.error,
  };
}

export type HistoryPage = { runs: ImportRunRow[]; page: number; pageCount: number; total: number };

/** A page past the end shows the last page. */
export async function listImportRuns(page: number, pageSize: number = HISTORY_PAGE_SIZE): Promise<HistoryPage> {
  const [counted] = await db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM import_run`;
  const total = counted!.total;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await db().$queryRaw<RunRecord[]>`
    SELECT ${RUN_COLUMNS} FROM import_run ORDER BY started_at DESC, id DESC LIMIT ${pageSize} OFFSET ${(current - 1) * pageSize}`;
  return { runs: rows.map(toRow), page: current, pageCount, total };
}

export async function importRunDetail(id: number): Promise<ImportRunDetail | null> {
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
  const [record] = await db().$queryRaw<
    (RunRecord & { problems: Problem[] })[]
  >`SELECT ${RUN_COLUMNS}, problems FROM import_run WHERE id = ${id}`;
  if (!record) return null;
  const [papers, [count]] = await Promise.all([
    db().$queryRaw<{ slug: string; title: string; position: number }[]>`
      SELECT p.slug, p.title, e.position FROM digest_entry e JOIN paper p ON p.id = e.paper_id
      WHERE e.import_run_id = ${id} ORDER BY e.position LIMIT ${DETAIL_PAPER_LIMIT}`,
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM digest_entry WHERE import_run_id = ${id}`,
  ]);
  return { ...toRow(record), problems: record.problems, papers, paperCount: count!.n };
}
