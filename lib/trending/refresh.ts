// Recomputes the stored trending boost of many papers at once (after an import moved their upstream counts).
import type { Queryable } from "../db/queryable";
import { trendingBoost } from "./score";

/**
 * Reads the papers' counters, computes each boost with the one formula in score.ts, and writes the
 * changed ones back in a single UPDATE. Runs in the caller's transaction. Returns how many changed.
 */
export async function refreshTrendingBoosts(client: Queryable, paperIds: readonly number[]): Promise<number> {
  if (paperIds.length === 0) return 0;
  const { rows } = await client.query<{ id: number; upvotes: number; saves: number; tags: number; upstream: number }>(
    `SELECT id, upvote_count AS upvotes, save_count AS saves, tag_count AS tags, upstream_upvotes AS upstream
     FROM paper WHERE id = ANY($1::int[])`,
    [paperIds],
  );
  if (rows.length === 0) return 0;
  const result = await client.query(
    `UPDATE paper p SET trending_boost = u.boost
     FROM unnest($1::int[], $2::real[]) AS u(id, boost)
     WHERE p.id = u.id AND p.trending_boost IS DISTINCT FROM u.boost`,
    [rows.map((row) => row.id), rows.map((row) => trendingBoost(row))],
  );
  return result.rowCount ?? 0;
}
