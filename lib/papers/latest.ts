// The newest papers, for feeds.
import "server-only";
import { db } from "../db/prisma";
import { paperSummaries } from "./paper";
import type { PaperSummary } from "./types";

const MAX_LATEST = 1000;

/** The newest papers first (first_seen, then id: the later a paper was imported, the newer). */
export async function latestPapers(limit: number): Promise<PaperSummary[]> {
  const n = Math.max(0, Math.min(MAX_LATEST, Math.floor(Number.isFinite(limit) ? limit : 0)));
  if (n === 0) return [];
  const rows = await db().$queryRaw<{ id: number }[]>`
    SELECT id FROM paper ORDER BY first_seen DESC, id DESC LIMIT ${n}`;
  return paperSummaries(rows.map((row) => row.id));
}
