// Search: ranked full-text over titles and abstracts, fuzzy title matching for typos, filters and
// pages. Any text a person types yields results or an empty result, never an error.
import "server-only";
import { isIsoDate } from "../iso-date";
import { db } from "../db/prisma";
import { Prisma } from "../db/generated/client";
import { paperSummaries } from "./paper";
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, normalizeQueryText, type SearchQuery } from "./search-params";
import type { PaperSummary } from "./types";

export type SearchHit = PaperSummary & { rank: number };

export type SearchResult = {
  papers: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  mode: "fulltext" | "fuzzy" | "latest";
  /** Words to highlight (the query's words and their stems; see highlightSegments). */
  terms: string[];
};

/**
 * The plan, from measurements (bench:search): every match a query touches costs a heap visit and, to
 * score it, a detoast of its search_vector (5-10 us each on these machines, stored out of line); a GIN
 * read costs about 0.2 us per posting of every word it intersects, so a common word costs tens of
 * milliseconds at a million papers whatever the LIMIT. So, guided by the planner's statistics (no
 * rows read), fetched at the same time as the query is parsed:
 * - a query cheap to read whole (a conjunction with a word at most PROBE_POSTINGS papers hold, or any
 *   query estimated at most PROBE_ESTIMATE matches) reads its matches up to EXACT_LIMIT + 1 in one
 *   query (probeMatches): at most EXACT_LIMIT (rare and mid-frequency words) are ranked and counted
 *   exactly, scored in that same query;
 * - beyond that, only the newest RANKED_WINDOW matches are scored: paper_search_newest reads them
 *   through the (id, search_vector) GIN index above an id floor (newestMatches), at a cost that
 *   follows the papers above the floor, not the word's matches; when that read finds every match and
 *   there are at most EXACT_LIMIT (the estimate was high), they are all ranked exactly after all.
 *   Date or code filters and exclusions (`-word`) keep the planner's own plan. The total is the
 *   planner's estimate, at least EXACT_LIMIT + 1, at most TOTAL_CAP; pages past the window list the
 *   older matches newest first. (When the estimate is high, the last pages are empty rather than the
 *   clamped last page: the price of not counting.)
 */
export const EXACT_LIMIT = 300;
export const RANKED_WINDOW = 200;
/** A query estimated to match more papers than this skips the exact read and goes to the window... */
const PROBE_ESTIMATE = 6_000;
/** ...and so does a conjunction whose rarest word more papers hold than this (decided from its words). */
const PROBE_POSTINGS = 6_000;
/** The id floor leaves room for this many times the window at the estimated share of matches. */
const WINDOW_MARGIN = 1.5;
/** Reading above an id floor costs about as much as the papers there: past this span, read every match. */
const FLOOR_SPAN_LIMIT = 150_000;
/** The largest total reported (and so the last reachable page: TOTAL_CAP / pageSize). */
export const TOTAL_CAP = 10_000;
/** pg_trgm word_similarity a title needs to count as a fuzzy match of the query. */
const WORD_SIMILARITY = 0.5;
/**
 * Fuzzy matching's time budget. A short, common word has trigrams in most titles: at a million papers
 * its similarity scan took 9 s (and broke Prisma's transaction timeout: a 500). Typos and half-remembered
 * titles have rarer trigrams and answer in milliseconds.
 */
const FUZZY_BUDGET_MS = 1_000;
/** Fuzzy matching reads at most this much of the query (trigram cost grows with its length). */
const FUZZY_QUERY_CHARS = 200;

type Filters = Pick<SearchQuery, "from" | "to" | "hasCode">;

/** SQL conditions for the filters, to follow a WHERE on paper p. from/to are validated dates or ignored. */
function filterSql(query: Filters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (query.from && isIsoDate(query.from)) parts.push(Prisma.sql`AND p.first_seen >= ${query.from}::date`);
  if (query.to && isIsoDate(query.to)) parts.push(Prisma.sql`AND p.first_seen <= ${query.to}::date`);
  if (query.hasCode) parts.push(Prisma.sql`AND EXISTS (SELECT 1 FROM paper_link l WHERE l.paper_id = p.id AND l.kind = 'CODE')`);
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, " ");
}

function clampInt(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** The words a person wants found: not -excluded words or phrases, not the OR keyword. */
export function positiveWords(q: string): string[] {
  const words: string[] = [];
  for (const token of q.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const [, minus, phrase, bare] = token;
    if (phrase !== undefined) {
      if (minus !== "-") words.push(...(phrase.match(/[\p{L}\p{N}]+/gu) ?? []));
    } else if (bare !== undefined && !bare.startsWith("-") && bare !== "OR" && bare.toLowerCase() !== "or") {
      words.push(...(bare.match(/[\p{L}\p{N}]+/gu) ?? []));
    }
  }
  return [...new Set(words.map((word) => word.toLowerCase()))].slice(0, 50);
}

/** The same tsquery with every lexeme restricted to the title ('video' & 'llm' -> 'video':A & 'llm':A). */
function withTitleWeight(tsquery: string): string {
  // Negations stay harmless: the plain query, which must also match, already excludes them anywhere.
  return tsquery.replace(/'((?:[^']|'')*)'(:[A-D*]+)?/g, "'$1':A");
}

type Page = { page: number; pageSize: number; pageCount: number; offset: number };

function pageOf(total: number, requested: number, pageSize: number): Page {
  // A page past the end shows the last page (the result says which page it is).
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pageCount);
  return { page, pageSize, pageCount, offset: (page - 1) * pageSize };
}

async function hits(rows: { id: number; rank: number }[]): Promise<SearchHit[]> {
  const summaries = await paperSummaries(rows.map((row) => row.id));
  const rank = new Map(rows.map((row) => [row.id, Number(row.rank)]));
  return summaries.map((summary) => ({ ...summary, rank: rank.get(summary.id) ?? 0 }));
}

export async function searchPapers(query: SearchQuery): Promise<SearchResult> {
  const pageSize = clampInt(query.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const requested = clampInt(query.page, 1, MAX_PAGE, 1);
  const q = normalizeQueryText(query.q ?? "");
  const filters = filterSql(query);
  if (q === "") return latestMatches(filters, requested, pageSize);

  const words = positiveWords(q);
  // At once, on separate connections: the parsed query (with the words to highlight, its lexemes and
  // the catalogue's size), the planner's estimate of the match count (no rows read), and the
  // planner's statistics on words (kept a minute, so usually no query).
  const [[parsed], estimated, shares] = await Promise.all([
    db().$queryRaw<{ tsquery: string; nodes: number; terms: string[]; papers: number; maxId: number; lexemes: string[] }[]>`
      WITH parsed AS (SELECT websearch_to_tsquery('english', ${q}) AS tsq)
      SELECT parsed.tsq::text AS tsquery, numnode(parsed.tsq) AS nodes,
             array(SELECT w FROM unnest(${words}::text[]) AS w WHERE to_tsvector('english', w) <> ''::tsvector
                   UNION
                   SELECT unnest(tsvector_to_array(to_tsvector('english', array_to_string(${words}::text[], ' '))))) AS terms,
             (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'paper'::regclass) AS papers,
             (SELECT coalesce(max(id), 0) FROM paper) AS "maxId",
             tsvector_to_array(to_tsvector('english', array_to_string(${words}::text[], ' '))) AS lexemes
      FROM parsed`,
    estimatedMatches(Prisma.sql`websearch_to_tsquery('english', ${q})`, filters),
    wordShares(),
  ]);
  const terms = (parsed?.terms ?? []).filter((term) => term.length > 0).sort((a, b) => b.length - a.length || a.localeCompare(b));
  const tsquery = parsed?.tsquery ?? "";
  const nodes = parsed?.nodes ?? 0;
  // Only stop words or punctuation: nothing to match, nothing to be similar to.
  if (nodes === 0) return fuzzyResult(words, nodes, filters, pageSize, terms);

  // A query cheap to read whole (a conjunction with a word rare enough, or an estimate that low; and
  // any query newestMatches cannot read): its matches up to EXACT_LIMIT + 1, scored when there are no
  // more, in one query. A conjunction of common words only (however few papers hold them all: GIN
  // reads every word's matches to intersect them) goes straight to newestMatches.
  const papers = Number(parsed?.papers ?? 0);
  const fast = readsNewest(query, tsquery);
  const rarest = shares === null ? null : Math.min(...(parsed?.lexemes ?? []).map((lexeme) => shares.of(lexeme)));
  const conjunction = !/[|!]/.test(tsquery);
  const cheap = rarest !== null && Number.isFinite(rarest) && conjunction ? rarest * papers <= PROBE_POSTINGS : estimated <= PROBE_ESTIMATE;
  let all: ScoredRow[] | null = null;
  let window: ScoredRow[] | null = null;
  let density: number | null = null;
  if (!fast || cheap) {
    const probe = await probeMatches(tsquery, filters);
    if (probe.size <= EXACT_LIMIT) all = probe.rows;
    density = probe.density;
  }
  if (all === null && fast) {
    // The newest matches (cheap however common the words are), which may turn out to be all of them.
    const newest = await newestMatches(tsquery, density ?? (papers > 0 ? Math.max(estimated, 1) / papers : 1), Number(parsed?.maxId ?? 0));
    if (newest.complete) all = newest.rows;
    else window = newest.rows;
  }
  if (all !== null) {
    if (all.length === 0) return fuzzyResult(words, nodes, filters, pageSize, terms);
    const page = pageOf(all.length, requested, pageSize);
    const rows = all.slice(page.offset, page.offset + pageSize);
    return { papers: await hits(rows), total: all.length, ...stripOffset(page), mode: "fulltext", terms };
  }
  // More than EXACT_LIMIT matches: the newest RANKED_WINDOW ranked, then older ones newest first.
  const total = Math.min(TOTAL_CAP, Math.max(EXACT_LIMIT + 1, estimated));
  const page = pageOf(total, requested, pageSize);
  const rows = await windowedMatches(tsquery, filters, page.offset, pageSize, window);
  return { papers: await hits(rows), total, ...stripOffset(page), mode: "fulltext", terms };
}

/** No full-text match (a typo, a half-remembered title): titles similar to the query's words. */
async function fuzzyResult(words: string[], nodes: number, filters: Prisma.Sql, pageSize: number, terms: string[]): Promise<SearchResult> {
  // A query of only stop words or punctuation has nothing to be similar to: empty, not noise.
  const fuzzy = nodes > 0 ? await fuzzyMatches(words.join(" "), filters, pageSize) : [];
  return {
    papers: await hits(fuzzy),
    total: fuzzy.length,
    ...stripOffset(pageOf(fuzzy.length, 1, pageSize)),
    mode: fuzzy.length > 0 ? "fuzzy" : "fulltext",
    terms,
  };
}

/** The planner's estimate of how many papers match (free: no rows read, good for common words). */
async function estimatedMatches(tsquery: Prisma.Sql, filters: Prisma.Sql): Promise<number> {
  const rows = await db().$queryRaw<{ "QUERY PLAN": unknown }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM paper p WHERE p.search_vector @@ ${tsquery} ${filters}`;
  const plan = rows[0]?.["QUERY PLAN"];
  const parsedPlan = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan?: { "Plan Rows"?: number } }[];
  return Math.round(parsedPlan?.[0]?.Plan?.["Plan Rows"] ?? 0);
}

type ScoredRow = { id: number; rank: number };

/** The planner's statistics on words (most common elements of search_vector), kept a minute. */
let wordStats: { at: number; client: object; shares: WordShares | null } | null = null;
type WordShares = { of: (lexeme: string) => number };
const WORD_STATS_TTL_MS = 60_000;

/**
 * The share of papers holding each word, as the planner sees it: its most common elements (about the
 * thousand most common words), else at most 0.5% (as the planner assumes). Null without statistics.
 * Read once a minute, not per search: pg_stats costs a few milliseconds to plan and read.
 */
async function wordShares(): Promise<WordShares | null> {
  const client = db();
  if (wordStats && wordStats.client === client && performance.now() - wordStats.at < WORD_STATS_TTL_MS) return wordStats.shares;
  const [row] = await client.$queryRaw<{ elems: string[] | null; freqs: number[] | null }[]>`
    SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs::float8[] AS freqs FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'paper' AND attname = 'search_vector'`;
  let shares: WordShares | null = null;
  if (row?.elems && row.freqs && row.freqs.length > row.elems.length) {
    const byWord = new Map(row.elems.map((elem, i) => [elem, Number(row.freqs![i])]));
    const rest = Math.min(0.005, Number(row.freqs[row.elems.length]) / 2);
    shares = { of: (lexeme) => byWord.get(lexeme) ?? rest };
  }
  wordStats = { at: performance.now(), client, shares };
  return shares;
}

/** Whether newestMatches applies: no date filter (it points elsewhere than the newest ids), no code
 * filter, no exclusion (`-word`: GIN would read its whole index to find the papers without it). */
function readsNewest(query: Filters, tsquery: string): boolean {
  return !query.from && !query.to && !query.hasCode && !tsquery.includes("!");
}

/**
 * The newest RANKED_WINDOW matches of a query estimated common, scored; or all its matches when
 * there turn out to be at most EXACT_LIMIT (`complete`). paper_search_newest reads them through the
 * (id, search_vector) GIN index above an id floor, which costs about as much as the papers above
 * it: the floor leaves WINDOW_MARGIN times the window at the estimated share of matches, is lowered
 * when that held fewer than the window, and is dropped (every match read, newest kept) when the
 * share is so small that the span above it would cost more than the matches.
 */
async function newestMatches(tsquery: string, share: number, maxId: number): Promise<{ rows: ScoredRow[]; complete: boolean }> {
  let span = Math.ceil((WINDOW_MARGIN * RANKED_WINDOW) / Math.min(1, Math.max(share, 1e-9)));
  for (;;) {
    const floor = span > FLOOR_SPAN_LIMIT || span >= maxId ? 0 : maxId - span;
    // The newest EXACT_LIMIT + 1 (enough to tell "all of them"), of which the newest RANKED_WINDOW are
    // scored, or all of them when there are no more than EXACT_LIMIT.
    const found = await db().$queryRaw<(ScoredRow & { size: number })[]>`
      SELECT p.id, ${scoreSql(tsquery)} AS rank, n.size
      FROM (SELECT f.id, f.first_seen, count(*) OVER ()::int AS size, row_number() OVER () AS n
            FROM paper_search_newest(${tsquery}::tsquery, ${floor}::int, ${EXACT_LIMIT + 1}::int) f) n
      JOIN paper p ON p.id = n.id
      WHERE n.n <= CASE WHEN ${floor}::int = 0 AND n.size <= ${EXACT_LIMIT}::int THEN ${EXACT_LIMIT}::int ELSE ${RANKED_WINDOW}::int END
      ORDER BY rank DESC, n.first_seen DESC, p.id DESC`;
    const size = found[0]?.size ?? 0;
    const rows = found.map(({ id, rank }) => ({ id, rank: Number(rank) }));
    if (floor === 0) return { rows, complete: size <= EXACT_LIMIT };
    if (size >= RANKED_WINDOW) return { rows, complete: false };
    span *= 4;
  }
}

function stripOffset(page: Page) {
  return { page: page.page, pageSize: page.pageSize, pageCount: page.pageCount };
}

/**
 * Score: 1 + (1 when the query matches the title alone) + ts_rank_cd normalized to [0, 1). So every
 * title match outranks every abstract-only match, and title words (weight A) count more than abstract
 * words (weight B) within each group. Fuzzy matches score half their similarity, in (0, 0.5].
 */
function scoreSql(tsquery: string): Prisma.Sql {
  return Prisma.sql`(1 + (p.search_vector @@ ${withTitleWeight(tsquery)}::tsquery)::int
                     + ts_rank_cd(p.search_vector, ${tsquery}::tsquery, 32))::float8`;
}

/**
 * The matches of a query, up to EXACT_LIMIT + 1 of them (any, not the best), in physical order (a
 * bitmap scan's). At most EXACT_LIMIT: all of them, scored, best first. More: none scored (no
 * search_vector detoasted), and the share of papers that match among the ids they span (the heap
 * is in id order, mostly), which places newestMatches' id floor better than the planner's estimate.
 */
async function probeMatches(tsquery: string, filters: Prisma.Sql): Promise<{ size: number; rows: ScoredRow[]; density: number | null }> {
  const found = await db().$queryRaw<{ id: number; rank: number | null; size: number; lo: number; hi: number }[]>`
    WITH m AS MATERIALIZED (SELECT p.id, p.first_seen, p.search_vector FROM paper p
                            WHERE p.search_vector @@ ${tsquery}::tsquery ${filters} LIMIT ${EXACT_LIMIT + 1}),
         c AS (SELECT count(*)::int AS size, min(id) AS lo, max(id) AS hi FROM m)
    SELECT p.id, CASE WHEN c.size <= ${EXACT_LIMIT} THEN ${scoreSql(tsquery)} END AS rank, c.size, c.lo, c.hi
    FROM m p, c
    WHERE c.size <= ${EXACT_LIMIT} OR p.id = c.lo
    ORDER BY rank DESC, p.first_seen DESC, p.id DESC`;
  const size = found[0]?.size ?? 0;
  if (size <= EXACT_LIMIT) return { size, rows: found.map(({ id, rank }) => ({ id, rank: Number(rank) })), density: null };
  const { lo, hi } = found[0]!;
  return { size, rows: [], density: hi > lo ? size / (hi - lo + 1) : null };
}

/**
 * For queries matching more than EXACT_LIMIT papers: the newest RANKED_WINDOW matches, best first
 * (`window`, from newestMatches, or read here as the planner sees fit), then the older matches
 * newest first (pages past the window, rarely visited, stay cheap to reach).
 */
async function windowedMatches(tsquery: string, filters: Prisma.Sql, offset: number, limit: number, window: ScoredRow[] | null) {
  const rows: ScoredRow[] = [];
  if (offset < RANKED_WINDOW) {
    const end = Math.min(offset + limit, RANKED_WINDOW);
    if (window !== null) rows.push(...window.slice(offset, end));
    else {
      // The window carries its rows' search_vector, so each paper is read once.
      const found = await db().$queryRaw<ScoredRow[]>`
        SELECT p.id, ${scoreSql(tsquery)} AS rank
        FROM (SELECT p.id, p.first_seen, p.search_vector FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${filters}
              ORDER BY p.first_seen DESC, p.id DESC LIMIT ${RANKED_WINDOW}) p
        ORDER BY rank DESC, p.first_seen DESC, p.id DESC
        LIMIT ${end - offset} OFFSET ${offset}`;
      rows.push(...found.map(({ id, rank }) => ({ id, rank: Number(rank) })));
    }
  }
  if (offset + limit > RANKED_WINDOW) {
    const from = Math.max(offset, RANKED_WINDOW);
    rows.push(
      ...(await db().$queryRaw<ScoredRow[]>`
        SELECT p.id, ${scoreSql(tsquery)} AS rank
        FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${filters}
        ORDER BY p.first_seen DESC, p.id DESC
        LIMIT ${offset + limit - from} OFFSET ${from}`),
    );
  }
  return rows;
}

/** Titles similar to the query (pg_trgm word_similarity through the trigram index), best first. */
export async function fuzzyMatches(q: string, filters: Prisma.Sql, limit: number, budgetMs: number = FUZZY_BUDGET_MS) {
  const text = [...q.replace(/[^\p{L}\p{N}]+/gu, " ").trim()].slice(0, FUZZY_QUERY_CHARS).join("");
  if (limit <= 0 || text.replace(/\s/g, "").length < 3) return [];
  try {
    return await db().$transaction(async (tx) => {
      // SET LOCAL: the threshold the <% operator (and so the index scan) uses, for this transaction only.
      await tx.$executeRawUnsafe(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY}`);
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(budgetMs))}`);
      return tx.$queryRaw<{ id: number; rank: number }[]>`
        SELECT p.id, (word_similarity(${text}, p.title) / 2)::float8 AS rank
        FROM paper p
        WHERE ${text} <% p.title ${filters}
        ORDER BY rank DESC, p.first_seen DESC, p.id DESC
        LIMIT ${limit}`;
    });
  } catch (error) {
    // Similar titles are a suggestion: when they cost more than the budget, the page says "no results".
    if (isStatementTimeout(error)) return [];
    throw error;
  }
}

/** PostgreSQL's query_canceled (57014), as pg or Prisma's raw-query error reports it. */
function isStatementTimeout(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? "")}` : String(error);
  return text.includes("57014") || /statement timeout/i.test(text);
}

/** No query: the newest papers that pass the filters. */
async function latestMatches(filters: Prisma.Sql, requested: number, pageSize: number): Promise<SearchResult> {
  const [counted] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM paper p WHERE TRUE ${filters} LIMIT ${TOTAL_CAP}) m`;
  const total = counted?.n ?? 0;
  const page = pageOf(total, requested, pageSize);
  const rows = await db().$queryRaw<{ id: number; rank: number }[]>`
    SELECT p.id, 0::float8 AS rank FROM paper p WHERE TRUE ${filters}
    ORDER BY p.first_seen DESC, p.id DESC LIMIT ${pageSize} OFFSET ${page.offset}`;
  return { papers: await hits(rows), total, ...stripOffset(page), mode: "latest", terms: [] };
}
