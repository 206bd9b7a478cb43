// The newest papers, for feeds.
import "server-only";
import { db } from "../db/prisma";
import { NEWEST_FIRST } from "./newest-order";
import { paperSummaries } from "./paper";
import type { PaperSummary } from "./types";

const MAX_LATEST = 1000;

/** The newest papers first: the newest day first, each day in its digest's order. */
export async function latestPapers(limit: number): Promise<PaperSummary[]> {
  const n = Math.max(0, Math.min(MAX_LATEST, Math.floor(Number.isFinite(limit) ? limit : 0)));
  if (n === 0) return [];
  const rows = await db().$queryRaw<{ id: number }[]>`
    SELECT p.id FROM paper p ORDER BY ${NEWEST_FIRST} LIMIT ${n}`;
  return paperSummaries(rows.map((row) => row.id));
}
