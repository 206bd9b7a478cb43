// Catalogue-wide lists (trending, newest, top), a page at a time, each read along its own index.
import "server-only";
import { db } from "../db/prisma";
import { Prisma } from "../db/generated/client";
import { DIGEST_PAGE_SIZE } from "./digests";
import { NEWEST_FIRST } from "./newest-order";
import { paperSummaries } from "./paper";
import { DEFAULT_TOP_WINDOW } from "./sort-params";
import type { PaperSummary, RankedSort, RankSignals, TopWindow } from "./types";

/** Papers per page on the home page: as many as a digest page, so switching the sort keeps the page's length. */
const RANKED_PAGE_SIZE = DIGEST_PAGE_SIZE;

/**
 * How deep a list reaches: its first 10,000 papers (100 pages of 100, 500 of 20). OFFSET reads and
 * throws away every paper before the page, so page N costs N pages of reading; capping the depth keeps
 * the worst page cheap (a few milliseconds) however large the catalogue. Past it nobody is browsing a
 * "trending" list, and search with date filters reaches any paper. The count stops there too.
 */
export const RANKED_DEPTH = 10_000;

/** Days a window covers, ending at (and including) the latest digest's date. */
const WINDOW_DAYS: Record<Exclude<TopWindow, "all">, number> = { week: 7, month: 30 };

/**
 * Each sort starts with the key of one index on paper, so PostgreSQL walks that index and stops after
 * the page instead of sorting the catalogue. EXPLAIN ANALYZE on 100,000 papers (PostgreSQL 18): trending
 * is Limit -> Index Scan using paper_trending_idx, top of all time an Index Only Scan on paper_top_idx;
 * no Sort node; page 1 in 0.1-0.15 ms, page 100 (offset 9,900) in 3.5-5 ms. New walks paper_first_seen_idx
 * and sorts each day it reaches into digest order (newest-order.ts has its figures). The count is a
 * Limit over a scan stopping at RANKED_DEPTH + 1 rows (0.8 ms). Top of a week or month walks
 * paper_top_idx skipping papers outside the window (6 ms when the week held 1.4% of the papers), or,
 * when the planner expects the window to be thin, reads it through paper_first_seen_idx and sorts
 * only the window.
 */
const ORDER: Record<RankedSort, Prisma.Sql> = {
  // Hottest first (lib/trending/score.ts): first-seen day + boost; equal keys in digest order.
  trending: Prisma.sql`p.trending_key DESC, p.id`,
  // Newest day first, each day in its digest's order (lib/papers/newest-order.ts).
  new: NEWEST_FIRST,
  top: Prisma.sql`p.upvote_count DESC, p.id`,
};

export type RankedQuery = { sort: RankedSort; window?: TopWindow; page?: number; pageSize?: number };

export type RankedPage = {
  sort: RankedSort;
  /** For "top": which papers it ranks; null for the other sorts. */
  window: TopWindow | null;
  /** The first-seen days a week or month covers ("YYYY-MM-DD", inclusive); null for "all" and other sorts. */
  range: { from: string; to: string } | null;
  /** Each with `upvotes` and `signals`. */
  papers: PaperSummary[];
  /** Papers in the list, counted up to RANKED_DEPTH; `truncated` when there are more than that. */
  total: number;
  truncated: boolean;
  /** 1-based; a page past the end (or past RANKED_DEPTH) gives the last page. */
  page: number;
  pageSize: number;
  pageCount: number;
  /** Position of this page's first paper in the list, minus one. */
  offset: number;
};

function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

/**
 * The week or month of first-seen days ending at the latest digest. Anchored at the catalogue rather
 * than the clock: a catalogue whose newest digest is weeks old (the bundled sample is from 2025-04-30,
 * an instance whose curator paused) still has a meaningful "top this week". Null without digests.
 */
async function windowRange(window: Exclude<TopWindow, "all">): Promise<{ from: string; to: string } | null> {
  const [row] = await db().$queryRaw<{ from: string | null; to: string | null }[]>`
    SELECT to_char(max(date) - ${WINDOW_DAYS[window] - 1}::int, 'YYYY-MM-DD') AS "from", to_char(max(date), 'YYYY-MM-DD') AS "to"
    FROM digest`;
  return row?.from && row.to ? { from: row.from, to: row.to } : null;
}

/** One page of the catalogue in the given order, with each paper's upvotes. */
export async function rankedPapers(query: RankedQuery): Promise<RankedPage> {
  const sort = query.sort in ORDER ? query.sort : "trending";
  const window = sort === "top" ? (query.window ?? DEFAULT_TOP_WINDOW) : null;
  const pageSize = clampInt(query.pageSize, 1, RANKED_PAGE_SIZE, RANKED_PAGE_SIZE);
  const range = window === "week" || window === "month" ? await windowRange(window) : null;
  const empty = window !== null && window !== "all" && range === null;
  const where = range ? Prisma.sql`p.first_seen BETWEEN ${range.from}::date AND ${range.to}::date` : Prisma.sql`TRUE`;

  const [counted] = empty
    ? [{ n: 0 }]
    : await db().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM (SELECT 1 FROM paper p WHERE ${where} LIMIT ${RANKED_DEPTH + 1}) m`;
  const n = counted?.n ?? 0;
  const total = Math.min(n, RANKED_DEPTH);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = clampInt(query.page, 1, pageCount, 1);
  const offset = (page - 1) * pageSize;

  const rows =
    total === 0
      ? []
      : await db().$queryRaw<({ id: number } & RankSignals)[]>`
          SELECT p.id, p.upvote_count AS upvotes, p.save_count AS saves, p.tag_count AS tags, p.upstream_upvotes AS upstream
          FROM paper p WHERE ${where}
          ORDER BY ${ORDER[sort]} LIMIT ${Math.min(pageSize, total - offset)} OFFSET ${offset}`;
  const signals = new Map(rows.map(({ id, ...signal }) => [id, signal]));
  const summaries = await paperSummaries(rows.map((row) => row.id));
  return {
    sort,
    window,
    range,
    papers: summaries.map((paper) => {
      const signal = signals.get(paper.id) ?? { upvotes: 0, saves: 0, tags: 0, upstream: 0 };
      return { ...paper, upvotes: signal.upvotes, signals: signal };
    }),
    total,
    truncated: n > RANKED_DEPTH,
    page,
    pageSize,
    pageCount,
    offset,
  };
}
