// Digests by date: the list of digest days, one day's papers, and its neighbours for prev/next links.
import "server-only";
import { db } from "../db/prisma";
import { Prisma } from "../db/generated/client";
import { paperSummaries } from "./paper";
import { isIsoDate } from "../iso-date";
import type { ListSort, PaperSummary } from "./types";

const DEFAULT_DATES = 90;
/** Papers per digest page: a daily digest fits on one; a huge import stays a fast page. */
export const DIGEST_PAGE_SIZE = 100;
const MAX_DATES = 10_000;

/** How each sort orders one digest's entries (e = digest_entry, p = paper). */
const DIGEST_ORDER: Record<ListSort, Prisma.Sql> = {
  // As the digest listed them.
  digest: Prisma.sql`e.position`,
  // Papers this digest introduced first (newest first_seen), then papers seen before, each in digest order.
  new: Prisma.sql`p.first_seen DESC, e.position`,
};

// A malformed date names no digest (and must not reach a ::date cast).
export { isIsoDate } from "../iso-date";

/** Digest days, newest first, with how many papers each listed. */
export async function listDigestDates(limit: number = DEFAULT_DATES): Promise<{ date: string; papers: number }[]> {
  const n = Math.max(0, Math.min(MAX_DATES, Math.floor(Number.isFinite(limit) ? limit : DEFAULT_DATES)));
  if (n === 0) return [];
  return db().$queryRaw<{ date: string; papers: number }[]>`
    SELECT to_char(d.date, 'YYYY-MM-DD') AS date,
           d.paper_count AS papers
    FROM digest d
    ORDER BY d.date DESC
    LIMIT ${n}`;
}

export async function latestDigestDate(): Promise<string | null> {
  const rows = await db().$queryRaw<{ date: string }[]>`
    SELECT to_char(date, 'YYYY-MM-DD') AS date FROM digest ORDER BY date DESC LIMIT 1`;
  return rows[0]?.date ?? null;
}

export type DigestPage = {
  date: string;
  previous: string | null;
  next: string | null;
  papers: PaperSummary[];
  /** Papers in the whole digest, and this page of them (1-based; past the end gives the last page). */
  total: number;
  page: number;
  pageCount: number;
  /** Position of this page's first paper in the digest, minus one. */
  offset: number;
};

/** One page of a digest's papers; null when there was no digest that day (or the date is malformed). */
export async function digestByDate(date: string, sort: ListSort, page: number = 1): Promise<DigestPage | null> {
  if (!isIsoDate(date)) return null;
  const order = DIGEST_ORDER[sort] ?? DIGEST_ORDER.digest;
  const rows = await db().$queryRaw<{ id: number; previous: string | null; next: string | null; total: number }[]>`
    SELECT d.id,
           to_char((SELECT max(o.date) FROM digest o WHERE o.date < d.date), 'YYYY-MM-DD') AS previous,
           to_char((SELECT min(o.date) FROM digest o WHERE o.date > d.date), 'YYYY-MM-DD') AS next,
           d.paper_count AS total
    FROM digest d
    WHERE d.date = ${date}::date`;
  const row = rows[0];
  if (!row) return null;
  const pageCount = Math.max(1, Math.ceil(row.total / DIGEST_PAGE_SIZE));
  const current = Math.min(pageCount, Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)));
  const offset = (current - 1) * DIGEST_PAGE_SIZE;
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT e.paper_id AS id FROM digest_entry e JOIN paper p ON p.id = e.paper_id
    WHERE e.digest_id = ${row.id} ORDER BY ${order}, e.paper_id
    LIMIT ${DIGEST_PAGE_SIZE} OFFSET ${offset}`;
  return {
    date,
    previous: row.previous,
    next: row.next,
    papers: await paperSummaries(ids.map((entry) => entry.id)),
    total: row.total,
    page: current,
    pageCount,
    offset,
  };
}
