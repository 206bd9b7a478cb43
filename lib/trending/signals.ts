// Moves a paper's community counters and its trending boost together, inside the caller's transaction.
import "server-only";
import type { Tx } from "../db/prisma";
import { trendingBoost } from "./score";

export type SignalDelta = { upvotes?: number; saves?: number; tags?: number };

/**
 * Adds `delta` to the paper's counters and recomputes its boost from the new values.
 * The UPDATE takes the row lock, so concurrent votes queue here and each sees the last one's
 * count: nothing is lost or doubled. Returns the new counters (null when the paper is gone).
 */
export async function applySignalDelta(
  tx: Tx,
  paperId: number,
  delta: SignalDelta,
): Promise<{ upvotes: number; saves: number; tags: number } | null> {
  const rows = await tx.$queryRaw<{ upvotes: number; saves: number; tags: number; upstream: number }[]>`
    UPDATE paper SET upvote_count = greatest(0, upvote_count + ${delta.upvotes ?? 0}::int),
                     save_count = greatest(0, save_count + ${delta.saves ?? 0}::int),
                     tag_count = greatest(0, tag_count + ${delta.tags ?? 0}::int)
    WHERE id = ${paperId}
    RETURNING upvote_count AS upvotes, save_count AS saves, tag_count AS tags, upstream_upvotes AS upstream`;
  const row = rows[0];
  if (!row) return null;
  // The upstream count is not this delta's to change, but the boost is computed from every signal.
  await tx.$executeRaw`UPDATE paper SET trending_boost = ${trendingBoost(row)}::real WHERE id = ${paperId}`;
  const { upstream: _upstream, ...counts } = row;
  return counts;
}
