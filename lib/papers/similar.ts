// "Similar papers" on a paper page: papers whose text is most like this one's, computed in Postgres.
//
// Why precomputed: a per-request similarity query at 1,000,000 papers (a paper's title words OR-ed
// against the GIN index, then ranking the candidates) costs a few milliseconds of detoasting and
// ts_rank per page view at best, and far more when a title's words are common; a paper page must
// serve >= 300 req/s on two cores, which leaves well under a millisecond of database time for it.
// So the lists are stored in paper_similar and a page view is one primary-key range read. Imports
// only queue the papers they add or change (paper_similar_pending); the worker's similar-backfill job
// computes their lists (paper_similar_refresh, see the migration 20261126110000_search_similar) within
// a minute, newest first. Until then a paper with no list gets the same SQL (paper_similar_compute) run
// on request, without a write, and a changed paper shows its previous list.
import "server-only";
import { db } from "../db/prisma";
import { paperSummaries } from "./paper";
import type { PaperSummary } from "./types";

/** How many similar papers an import stores per paper (the SQL keeps 10). */
const STORED = 10;

export async function similarPapers(paperId: number, limit: number = 5): Promise<PaperSummary[]> {
  const n = Math.max(0, Math.min(50, Math.floor(Number.isFinite(limit) ? limit : 5)));
  if (n === 0 || !Number.isInteger(paperId) || paperId < 1 || paperId > 2_147_483_647) return [];
  let rows =
    n <= STORED
      ? await db().$queryRaw<{ id: number }[]>`
          SELECT similar_id AS id FROM paper_similar WHERE paper_id = ${paperId}
          ORDER BY score DESC, similar_id DESC LIMIT ${n}`
      : [];
  if (rows.length === 0) {
    rows = await db().$queryRaw<{ id: number }[]>`
      SELECT similar_id AS id FROM paper_similar_compute(${paperId}::int, ${n}::int)`;
  }
  return paperSummaries(rows.map((row) => row.id));
}
