// "Recommended for you": neighbours of the papers a person upvoted, saved or tagged, each with the reason.
import "server-only";
import { db } from "../db/prisma";
import { paperSummaries } from "../papers/paper";
import type { PaperSummary } from "../papers/types";

export type Recommendation = { paper: PaperSummary; reason: string };

/** How many of the papers a person acted on last seed the suggestions: bounds the work per person. */
const SOURCES = 50;
/** Suggestions one source paper may give: one busy paper must not fill the list. */
const PER_SOURCE = 3;

/**
 * Reads the stored similar-paper lists (paper_similar, filled by the worker's similar-backfill job
 * shortly after an import), so the cost is a few index lookups per source, never a pass over the
 * catalogue; a paper imported minutes ago joins once the job has run. A source is a paper the person upvoted, saved
 * or tagged (several signals on one paper are one source, named by the latest). Papers they acted on
 * are left out. Each suggestion belongs to the source it is most similar to; the list takes each
 * source's best suggestion in turn, most recent source first, then each one's second, up to
 * PER_SOURCE rounds. Within a source, a paper that several sources suggest comes first.
 */
export async function recommendationsFor(userId: string, limit = 10): Promise<Recommendation[]> {
  const rows = await db().$queryRaw<{ id: number; reason: string }[]>`
    WITH signals AS (
      SELECT paper_id, 'upvoted' AS via, NULL::text AS tag, created_at FROM upvote WHERE user_id = ${userId}
      UNION ALL
      SELECT paper_id, 'saved', NULL, created_at FROM save WHERE user_id = ${userId}
      UNION ALL
      SELECT u.paper_id, 'tagged', t.name, u.created_at FROM paper_user_tag u JOIN tag t ON t.id = u.tag_id WHERE u.user_id = ${userId}
    ), sources AS (
      SELECT paper_id, via, tag, row_number() OVER (ORDER BY created_at DESC, paper_id DESC) AS turn
      FROM (SELECT DISTINCT ON (paper_id) * FROM signals ORDER BY paper_id, created_at DESC, via) latest
      ORDER BY turn LIMIT ${SOURCES}
    ), candidates AS (
      SELECT s.similar_id AS id, src.turn, s.score,
             sum(s.score) OVER (PARTITION BY s.similar_id) AS total,
             row_number() OVER (PARTITION BY s.similar_id ORDER BY s.score DESC, src.turn) AS best
      FROM sources src JOIN paper_similar s ON s.paper_id = src.paper_id
      WHERE NOT EXISTS (SELECT 1 FROM signals g WHERE g.paper_id = s.similar_id)
    ), rounds AS (
      SELECT id, turn, row_number() OVER (PARTITION BY turn ORDER BY total DESC, score DESC, id) AS round
      FROM candidates WHERE best = 1
    )
    SELECT r.id,
           CASE src.via WHEN 'tagged' THEN 'because you tagged “' || p.title || '” as ' || src.tag
                        ELSE 'because you ' || src.via || ' “' || p.title || '”' END AS reason
    FROM rounds r JOIN sources src USING (turn) JOIN paper p ON p.id = src.paper_id
    WHERE r.round <= ${PER_SOURCE}
    ORDER BY r.round, r.turn
    LIMIT ${limit}`;
  const summaries = await paperSummaries(rows.map((row) => row.id));
  const byId = new Map(summaries.map((paper) => [paper.id, paper]));
  return rows.flatMap((row) => {
    const paper = byId.get(row.id);
    return paper ? [{ paper, reason: row.reason }] : [];
  });
}
