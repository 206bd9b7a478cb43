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
 * The plan, from measurements (bench:search): every match a query touches costs a heap visit and a
 * detoast of its search_vector (5-10 us each on these machines), and a GIN bitmap over a common word
 * costs tens of milliseconds at 100,000 papers, ten times that at a million. So:
 * - a query matching at most EXACT_LIMIT papers (rare and mid-frequency words) is ranked exactly:
 *   every match scored, best first, and counted exactly;
 * - beyond that, only the newest RANKED_WINDOW matches are scored (the planner walks the newest-first
 *   index and stops after them, or for a sparser query reads the GIN index), and the total is the
 *   planner's estimate of the match count (from pg_statistic), at least EXACT_LIMIT + 1, at most
 *   TOTAL_CAP; pages past the window list the older matches newest first. (When the estimate is
 *   high, the last pages are empty rather than the clamped last page: the price of not counting.)
 */
export const EXACT_LIMIT = 300;
export const RANKED_WINDOW = 200;
/** The largest total reported (and so the last reachable page: TOTAL_CAP / pageSize). */
export const TOTAL_CAP = 10_000;
/** pg_trgm word_similarity a title needs to count as a fuzzy match of the query. */
const WORD_SIMILARITY = 0.5;
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
  // One round trip: the parsed query, the words to highlight and the match count up to
  // EXACT_LIMIT + 1 (a LIMITed count stops early however common the words are).
  const [parsed] = await db().$queryRaw<{ tsquery: string; lexemes: number; terms: string[]; matches: number }[]>`
    WITH parsed AS (SELECT websearch_to_tsquery('english', ${q}) AS tsq)
    SELECT parsed.tsq::text AS tsquery, numnode(parsed.tsq) AS lexemes,
           array(SELECT w FROM unnest(${words}::text[]) AS w WHERE to_tsvector('english', w) <> ''::tsvector
                 UNION
                 SELECT unnest(tsvector_to_array(to_tsvector('english', array_to_string(${words}::text[], ' '))))) AS terms,
           CASE WHEN numnode(parsed.tsq) = 0 THEN 0 ELSE
             (SELECT count(*)::int FROM (SELECT 1 FROM paper p
                WHERE p.search_vector @@ websearch_to_tsquery('english', ${q}) ${filters} LIMIT ${EXACT_LIMIT + 1}) m)
           END AS matches
    FROM parsed`;
  const terms = (parsed?.terms ?? []).filter((term) => term.length > 0).sort((a, b) => b.length - a.length || a.localeCompare(b));
  const tsquery = parsed?.tsquery ?? "";
  const counted = parsed?.matches ?? 0;

  if (counted === 0) {
    // No full-text match (a typo, a half-remembered title): titles similar to the query's words.
    // A query of only stop words or punctuation has nothing to be similar to: empty, not noise.
    const fuzzy = (parsed?.lexemes ?? 0) > 0 ? await fuzzyMatches(words.join(" "), filters, pageSize) : [];
    return {
      papers: await hits(fuzzy),
      total: fuzzy.length,
      ...stripOffset(pageOf(fuzzy.length, 1, pageSize)),
      mode: fuzzy.length > 0 ? "fuzzy" : "fulltext",
      terms,
    };
  }

  if (counted <= EXACT_LIMIT) {
    const page = pageOf(counted, requested, pageSize);
    const rows = await rankedMatches(tsquery, filters, page.offset, pageSize);
    return { papers: await hits(rows), total: counted, ...stripOffset(page), mode: "fulltext", terms };
  }

  const estimate = await estimatedMatches(tsquery, filters);
  const total = Math.min(TOTAL_CAP, Math.max(EXACT_LIMIT + 1, estimate.matches));
  const page = pageOf(total, requested, pageSize);
  // Where the newest RANKED_WINDOW matches should lie: the newest ids, enough of them to hold about
  // twice the window at the estimated share of matches. Reading only there (a GIN bitmap ANDed with
  // an id range, or a short walk) keeps a query matching 1-5% of a million papers from visiting
  // every match or walking tens of thousands of rows. A date filter may point elsewhere: no shortcut.
  const share = estimate.papers > 0 ? Math.max(estimate.matches, 1) / estimate.papers : 1;
  const idFloor = query.from || query.to ? null : Math.max(0, estimate.maxId - Math.ceil((2 * RANKED_WINDOW) / Math.min(1, share)));
  const rows = await windowedMatches(tsquery, filters, page.offset, pageSize, idFloor);
  return { papers: await hits(rows), total, ...stripOffset(page), mode: "fulltext", terms };
}

/** The planner's estimate of how many papers match (free: no rows read, good for common words), the catalogue's size and its newest id. */
async function estimatedMatches(tsquery: string, filters: Prisma.Sql): Promise<{ matches: number; papers: number; maxId: number }> {
  const rows = await db().$queryRaw<{ "QUERY PLAN": unknown }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${filters}`;
  const plan = rows[0]?.["QUERY PLAN"];
  const parsedPlan = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan?: { "Plan Rows"?: number } }[];
  const [size] = await db().$queryRaw<{ papers: number; maxId: number }[]>`
    SELECT greatest(reltuples, 0)::float8 AS papers, (SELECT coalesce(max(id), 0) FROM paper) AS "maxId"
    FROM pg_class WHERE oid = 'paper'::regclass`;
  return { matches: Math.round(parsedPlan?.[0]?.Plan?.["Plan Rows"] ?? 0), papers: Number(size?.papers ?? 0), maxId: Number(size?.maxId ?? 0) };
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

/** Every match scored; for queries matching at most EXACT_LIMIT papers. */
async function rankedMatches(tsquery: string, filters: Prisma.Sql, offset: number, limit: number) {
  return db().$queryRaw<{ id: number; rank: number }[]>`
    SELECT p.id, ${scoreSql(tsquery)} AS rank
    FROM paper p
    WHERE p.search_vector @@ ${tsquery}::tsquery ${filters}
    ORDER BY rank DESC, p.first_seen DESC, p.id DESC
    LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * For queries matching more than EXACT_LIMIT papers: the newest RANKED_WINDOW matches, best first,
 * then the older matches newest first (pages past the window, rarely visited, stay cheap to reach).
 */
async function windowedMatches(tsquery: string, filters: Prisma.Sql, offset: number, limit: number, idFloor: number | null) {
  const rows: { id: number; rank: number }[] = [];
  if (offset < RANKED_WINDOW) {
    // The window carries its rows' search_vector, so each paper is read once.
    const window = (floor: Prisma.Sql) => db().$queryRaw<{ id: number; rank: number; size: number }[]>`
        SELECT p.id, ${scoreSql(tsquery)} AS rank, count(*) OVER ()::int AS size
        FROM (SELECT p.id, p.first_seen, p.search_vector FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${floor} ${filters}
              ORDER BY p.first_seen DESC, p.id DESC LIMIT ${RANKED_WINDOW}) p
        ORDER BY rank DESC, p.first_seen DESC, p.id DESC
        LIMIT ${Math.min(limit, RANKED_WINDOW - offset)} OFFSET ${offset}`;
    let found = idFloor === null ? [] : await window(Prisma.sql`AND p.id > ${idFloor}`);
    // Fewer matches among the newest ids than the window holds (the estimate was high): the full read.
    if (idFloor === null || (found[0]?.size ?? 0) < RANKED_WINDOW) found = await window(Prisma.empty);
    rows.push(...found.map(({ id, rank }) => ({ id, rank })));
  }
  if (offset + limit > RANKED_WINDOW) {
    const from = Math.max(offset, RANKED_WINDOW);
    rows.push(
      ...(await db().$queryRaw<{ id: number; rank: number }[]>`
        SELECT p.id, ${scoreSql(tsquery)} AS rank
        FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${filters}
        ORDER BY p.first_seen DESC, p.id DESC
        LIMIT ${offset + limit - from} OFFSET ${from}`),
    );
  }
  return rows;
}

/** Titles similar to the query (pg_trgm word_similarity through the trigram index), best first. */
async function fuzzyMatches(q: string, filters: Prisma.Sql, limit: number) {
  const text = [...q.replace(/[^\p{L}\p{N}]+/gu, " ").trim()].slice(0, FUZZY_QUERY_CHARS).join("");
  if (limit <= 0 || text.replace(/\s/g, "").length < 3) return [];
  return db().$transaction(async (tx) => {
    // SET LOCAL: the threshold the <% operator (and so the index scan) uses, for this transaction only.
    await tx.$executeRawUnsafe(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY}`);
    return tx.$queryRaw<{ id: number; rank: number }[]>`
      SELECT p.id, (word_similarity(${text}, p.title) / 2)::float8 AS rank
      FROM paper p
      WHERE ${text} <% p.title ${filters}
      ORDER BY rank DESC, p.first_seen DESC, p.id DESC
      LIMIT ${limit}`;
  });
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
