// Upvotes and the reading list: one per person per paper, counted on the paper under its row lock.
import "server-only";
import { db } from "../db/prisma";
import { applySignalDelta } from "../trending/signals";
import type { SessionUser } from "../auth/session";

export type Reaction = "upvote" | "save";
export const REACTIONS: readonly Reaction[] = ["upvote", "save"];

export type ReactionResult =
  { ok: true; active: boolean; count: number } | { ok: false; status: 401 | 404; error: string };

/**
 * Sets (not toggles) the person's reaction, so a double click or a retried request lands in
 * the state the person saw, never the opposite. Idempotent; counts change only when a row did.
 */
export async function setReaction(
  user: SessionUser | null,
  paperId: number,
  kind: Reaction,
  active: boolean,
): Promise<ReactionResult> {
  if (!user) return { ok: false, status: 401, error: "Sign in to upvote or save papers." };
  return db().$transaction(async (tx) => {
    const changed =
      kind === "upvote"
        ? active
          ? await tx.$executeRaw`INSERT INTO upvote (user_id, paper_id) SELECT ${user.id}, id FROM paper WHERE id = ${paperId} ON CONFLICT DO NOTHING`
          : await tx.$executeRaw`DELETE FROM upvote WHERE user_id = ${user.id} AND paper_id = ${paperId}`
        : active
          ? await tx.$executeRaw`INSERT INTO save (user_id, paper_id) SELECT ${user.id}, id FROM paper WHERE id = ${paperId} ON CONFLICT DO NOTHING`
          : await tx.$executeRaw`DELETE FROM save WHERE user_id = ${user.id} AND paper_id = ${paperId}`;
    const delta = changed === 0 ? 0 : active ? 1 : -1;
    const counts = await applySignalDelta(tx, paperId, kind === "upvote" ? { upvotes: delta } : { saves: delta });
    if (!counts) return { ok: false as const, status: 404 as const, error: "That paper does not exist." };
    return { ok: true as const, active, count: kind === "upvote" ? counts.upvotes : counts.saves };
  });
}

/** A paper's upvote count and the viewer's own reactions (for the paper page's buttons). */
export async function paperReactions(
  userId: string | null,
  paperId: number,
): Promise<{ upvotes: number; upvoted: boolean; saved: boolean }> {
  const rows = await db().$queryRaw<{ upvotes: number; upvoted: boolean; saved: boolean }[]>`
    SELECT p.upvote_count AS upvotes,
           EXISTS (SELECT 1 FROM upvote v WHERE v.user_id = ${userId} AND v.paper_id = p.id) AS upvoted,
           EXISTS (SELECT 1 FROM save s WHERE s.user_id = ${userId} AND s.paper_id = p.id) AS saved
    FROM paper p WHERE p.id = ${paperId}`;
  return rows[0] ?? { upvotes: 0, upvoted: false, saved: false };
}

/** The papers a person upvoted or saved, most recent first. */
export async function papersWithReaction(userId: string, kind: Reaction, limit = 50): Promise<number[]> {
  const rows =
    kind === "upvote"
      ? await db().$queryRaw<
          { id: number }[]
        >`SELECT paper_id AS id FROM upvote WHERE user_id = ${userId} ORDER BY created_at DESC, paper_id LIMIT ${limit}`
      : await db().$queryRaw<
          { id: number }[]
        >`SELECT paper_id AS id FROM save WHERE user_id = ${userId} ORDER BY created_at DESC, paper_id LIMIT ${limit}`;
  return rows.map((row) => row.id);
}
