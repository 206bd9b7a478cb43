// "Recommended for you": neighbours of the papers a person upvoted or tagged, each with the reason.
import "server-only";
import { db } from "../db/prisma";
import { paperSummaries } from "../papers/paper";
import type { PaperSummary } from "../papers/types";

export type Recommendation = { paper: PaperSummary; reason: string };

/** How many of a person's latest upvotes and tags seed the suggestions: bounds the work per person. */
const SEEDS = 50;

/**
 * Reads the similar-paper lists precomputed at import (paper_similar), so the cost is a few
 * index lookups per seed, never a pass over the catalogue. Papers the person already upvoted,
 * saved or tagged are left out. A paper suggested by several seeds ranks higher; its reason
 * names the strongest one ("because you tagged video-llm" / "because you upvoted “…”").
 */
export async function recommendationsFor(userId: string, limit = 10): Promise<Recommendation[]> {
  const rows = await db().$queryRaw<{ id: number; reason: string }[]>`
    WITH seeds AS (
      SELECT paper_id, 'upvoted' AS via, NULL::int AS tag_id, created_at FROM upvote WHERE user_id = ${userId}
      UNION ALL
      SELECT paper_id, 'tagged', tag_id, created_at FROM paper_user_tag WHERE user_id = ${userId}
      ORDER BY created_at DESC LIMIT ${SEEDS}
    ), seen AS (
      SELECT paper_id FROM upvote WHERE user_id = ${userId}
      UNION SELECT paper_id FROM save WHERE user_id = ${userId}
      UNION SELECT paper_id FROM paper_user_tag WHERE user_id = ${userId}
    ), scored AS (
      SELECT s.similar_id AS id, sum(s.score) AS score,
             (array_agg(CASE WHEN seeds.via = 'tagged' THEN 'because you tagged ' || t.name
                             ELSE 'because you upvoted “' || p.title || '”' END
                        ORDER BY s.score DESC, seeds.created_at DESC))[1] AS reason
      FROM seeds
      JOIN paper_similar s ON s.paper_id = seeds.paper_id
      JOIN paper p ON p.id = seeds.paper_id
      LEFT JOIN tag t ON t.id = seeds.tag_id
      WHERE s.similar_id NOT IN (SELECT paper_id FROM seen)
      GROUP BY s.similar_id
    )
    SELECT scored.id, scored.reason FROM scored JOIN paper q ON q.id = scored.id
    ORDER BY scored.score DESC, q.trending_key DESC, q.id
    LIMIT ${limit}`;
  const summaries = await paperSummaries(rows.map((row) => row.id));
  const byId = new Map(summaries.map((paper) => [paper.id, paper]));
  return rows.flatMap((row) => {
    const paper = byId.get(row.id);
    return paper ? [{ paper, reason: row.reason }] : [];
  });
}
