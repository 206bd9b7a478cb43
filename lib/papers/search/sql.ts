// The SQL behind each search plan (plan.ts): what the database says about a query before reading
// it, and the reads of the exact, newest, window and latest strategies. No decisions here beyond
// what one statement must decide itself; every query takes the client it runs on.
import { isIsoDate } from "../../iso-date";
import { Prisma, type PrismaClient } from "../../db/generated/client";
import { NEWEST_FIRST } from "../newest-order";
import type { ClosestRow } from "./closest";
import { isStatementTimeout } from "./fuzzy";
import type { ExactRead, Filters, NewestRead, QueryFacts, ScoredRow, SearchPlan, Slice } from "./plan";
import type { WordStatsRow } from "./word-stats";
import { withTitleWeight } from "./words";

type Plan<S extends SearchPlan["strategy"]> = Extract<SearchPlan, { strategy: S }>;

/** SQL conditions for the filters, to follow a WHERE on paper p. from/to are validated dates or ignored. */
export function filterSql(filters: Filters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.from && isIsoDate(filters.from)) parts.push(Prisma.sql`AND p.first_seen >= ${filters.from}::date`);
  if (filters.to && isIsoDate(filters.to)) parts.push(Prisma.sql`AND p.first_seen <= ${filters.to}::date`);
  if (filters.hasCode)
    parts.push(Prisma.sql`AND EXISTS (SELECT 1 FROM paper_link l WHERE l.paper_id = p.id AND l.kind = 'CODE')`);
  // author:"Name" (lib/authors/search-syntax.ts), matched by the normalised key through paper_author_keys_idx.
  if (filters.author) parts.push(Prisma.sql`AND p.author_keys @> ARRAY[author_key(${filters.author})]`);
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, " ");
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

const scored = (rows: { id: number; rank: number | null }[]): ScoredRow[] =>
  rows.map(({ id, rank }) => ({ id, rank: Number(rank) }));

/** The tsquery of a text with search syntax, or of a plain query's composed text (query-words.ts compose). */
export function tsquerySql(query: { syntax: string } | { composed: string }): Prisma.Sql {
  return "syntax" in query
    ? Prisma.sql`websearch_to_tsquery('english', ${query.syntax})`
    : Prisma.sql`${query.composed}::tsquery`;
}

/**
 * At once, on separate connections: the parsed query (with the words to highlight, its lexemes and
 * the catalogue's size) and the planner's estimate of the match count (no rows read).
 */
export async function readQuery(
  client: PrismaClient,
  tsquery: Prisma.Sql,
  words: string[],
  filters: Prisma.Sql,
): Promise<{ facts: QueryFacts; terms: string[] }> {
  const [[parsed], estimated] = await Promise.all([
    client.$queryRaw<
      { tsquery: string; nodes: number; terms: string[]; papers: number; maxId: number; lexemes: string[] }[]
    >`
      WITH parsed AS (SELECT ${tsquery} AS tsq)
      SELECT parsed.tsq::text AS tsquery, numnode(parsed.tsq) AS nodes,
             array(SELECT w FROM unnest(${words}::text[]) AS w WHERE to_tsvector('english', w) <> ''::tsvector
                   UNION
                   SELECT unnest(tsvector_to_array(to_tsvector('english', array_to_string(${words}::text[], ' '))))) AS terms,
             (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'paper'::regclass) AS papers,
             (SELECT coalesce(max(id), 0) FROM paper) AS "maxId",
             tsvector_to_array(to_tsvector('english', array_to_string(${words}::text[], ' '))) AS lexemes
      FROM parsed`,
    estimatedMatches(client, tsquery, filters),
  ]);
  const facts: QueryFacts = {
    tsquery: parsed?.tsquery ?? "",
    nodes: parsed?.nodes ?? 0,
    lexemes: parsed?.lexemes ?? [],
    papers: Number(parsed?.papers ?? 0),
    maxId: Number(parsed?.maxId ?? 0),
    estimated,
  };
  return { facts, terms: parsed?.terms ?? [] };
}

/** The planner's estimate of how many papers match (free: no rows read, good for common words). */
async function estimatedMatches(client: PrismaClient, tsquery: Prisma.Sql, filters: Prisma.Sql): Promise<number> {
  const rows = await client.$queryRaw<{ "QUERY PLAN": unknown }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM paper p WHERE p.search_vector @@ ${tsquery} ${filters}`;
  const plan = rows[0]?.["QUERY PLAN"];
  const parsedPlan = (typeof plan === "string" ? JSON.parse(plan) : plan) as { Plan?: { "Plan Rows"?: number } }[];
  return Math.round(parsedPlan?.[0]?.Plan?.["Plan Rows"] ?? 0);
}

/** The planner's statistics on the words of search_vector (word-stats.ts makes shares of them). */
export async function readWordStats(client: PrismaClient): Promise<WordStatsRow | undefined> {
  const [row] = await client.$queryRaw<WordStatsRow[]>`
    SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs::float8[] AS freqs,
           (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'paper'::regclass) AS papers
    FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'paper' AND attname = 'search_vector'`;
  return row;
}

/**
 * The exact read: a query's matches, up to limit + 1 of them (any, not the best), in physical order
 * (a bitmap scan's). At most `limit`: all of them, scored, best first. More: none scored (no
 * search_vector detoasted), and the share of papers that match among the ids they span (the heap
 * is in id order, mostly), which places the newest read's id floor better than the planner's estimate.
 */
export async function readExact(
  client: PrismaClient,
  tsquery: string,
  filters: Prisma.Sql,
  plan: Plan<"exact">,
): Promise<ExactRead> {
  const found = await client.$queryRaw<{ id: number; rank: number | null; size: number; lo: number; hi: number }[]>`
    WITH m AS MATERIALIZED (SELECT p.id, p.first_seen, p.search_vector FROM paper p
                            WHERE p.search_vector @@ ${tsquery}::tsquery ${filters} LIMIT ${plan.limit + 1}),
         c AS (SELECT count(*)::int AS size, min(id) AS lo, max(id) AS hi FROM m)
    SELECT p.id, CASE WHEN c.size <= ${plan.limit} THEN ${scoreSql(tsquery)} END AS rank, c.size, c.lo, c.hi
    FROM m p, c
    WHERE c.size <= ${plan.limit} OR p.id = c.lo
    ORDER BY rank DESC, p.first_seen DESC, p.id DESC`;
  const size = found[0]?.size ?? 0;
  if (size <= plan.limit) return { size, rows: scored(found), density: null };
  const { lo, hi } = found[0]!;
  return { size, rows: [], density: hi > lo ? size / (hi - lo + 1) : null };
}

/**
 * The newest read: paper_search_newest reads the matches above the plan's id floor through the
 * (id, search_vector) GIN index, newest first, up to plan.fetch (enough to tell "all of them"); of
 * those the newest plan.window are scored, or all of them when the floor is 0 and they are at most
 * plan.rankAll. `size` is how many it found.
 */
export async function readNewest(client: PrismaClient, tsquery: string, plan: Plan<"newest">): Promise<NewestRead> {
  const found = await client.$queryRaw<(ScoredRow & { size: number })[]>`
    SELECT p.id, ${scoreSql(tsquery)} AS rank, n.size
    FROM (SELECT f.id, f.first_seen, count(*) OVER ()::int AS size, row_number() OVER () AS n
          FROM paper_search_newest(${tsquery}::tsquery, ${plan.floor}::int, ${plan.fetch}::int) f) n
    JOIN paper p ON p.id = n.id
    WHERE n.n <= CASE WHEN ${plan.floor}::int = 0 AND n.size <= ${plan.rankAll}::int THEN ${plan.rankAll}::int ELSE ${plan.window}::int END
    ORDER BY rank DESC, n.first_seen DESC, p.id DESC`;
  return { rows: scored(found), size: found[0]?.size ?? 0 };
}

/**
 * The window's rows for one page: its part of the newest plan.windowSize matches, best first (from
 * plan.window when the newest read has them, else read here as the planner sees fit), then its part
 * of the older matches, newest first (pages past the window, rarely visited, stay cheap to reach).
 */
export async function readWindow(
  client: PrismaClient,
  tsquery: string,
  filters: Prisma.Sql,
  plan: Plan<"window">,
): Promise<ScoredRow[]> {
  const rows: ScoredRow[] = [];
  if (plan.ranked !== null) {
    const { offset, limit } = plan.ranked;
    rows.push(
      ...(plan.window !== null
        ? plan.window.slice(offset, offset + limit)
        : await readRanked(client, tsquery, filters, plan.windowSize, plan.ranked)),
    );
  }
  if (plan.older !== null) {
    rows.push(
      ...scored(
        await client.$queryRaw<ScoredRow[]>`
        SELECT p.id, ${scoreSql(tsquery)} AS rank
        FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${filters}
        ORDER BY p.first_seen DESC, p.id DESC
        LIMIT ${plan.older.limit} OFFSET ${plan.older.offset}`,
      ),
    );
  }
  return rows;
}

/** A slice of the newest `windowSize` matches, best first. */
async function readRanked(
  client: PrismaClient,
  tsquery: string,
  filters: Prisma.Sql,
  windowSize: number,
  slice: Slice,
): Promise<ScoredRow[]> {
  // The window carries its rows' search_vector, so each paper is read once.
  return scored(
    await client.$queryRaw<ScoredRow[]>`
    SELECT p.id, ${scoreSql(tsquery)} AS rank
    FROM (SELECT p.id, p.first_seen, p.search_vector FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${filters}
          ORDER BY p.first_seen DESC, p.id DESC LIMIT ${windowSize}) p
    ORDER BY rank DESC, p.first_seen DESC, p.id DESC
    LIMIT ${slice.limit} OFFSET ${slice.offset}`,
  );
}

/** No query: how many papers pass the filters (counted up to plan.countLimit). */
export async function countLatest(client: PrismaClient, filters: Prisma.Sql, plan: Plan<"latest">): Promise<number> {
  const [counted] = await client.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM paper p WHERE TRUE ${filters} LIMIT ${plan.countLimit}) m`;
  return counted?.n ?? 0;
}

/** No query: a slice of the papers that pass the filters, newest first as every newest list (newest-order.ts). */
export async function readLatest(client: PrismaClient, filters: Prisma.Sql, slice: Slice): Promise<ScoredRow[]> {
  return client.$queryRaw<ScoredRow[]>`
    SELECT p.id, 0::float8 AS rank FROM paper p WHERE TRUE ${filters}
    ORDER BY ${NEWEST_FIRST} LIMIT ${slice.limit} OFFSET ${slice.offset}`;
}

/**
 * The closest read: the newest plan.limit papers matching plan.candidates, each tested against every
 * alternative (title-only form first: 2 for the title, +1 for anywhere), with its full-text rank.
 */
export async function readClosest(
  client: PrismaClient,
  filters: Prisma.Sql,
  plan: Plan<"closest">,
): Promise<ClosestRow[]> {
  const tests = plan.any.map(
    (any, i) =>
      Prisma.sql`(p.search_vector @@ ${plan.title[i]!}::tsquery)::int * 2 + (p.search_vector @@ ${any}::tsquery)::int`,
  );
  const rows = await client.$queryRaw<{ id: number; hits: number[]; rank: number }[]>`
    SELECT p.id, ARRAY[${Prisma.join(tests)}]::int[] AS hits, ts_rank_cd(p.search_vector, ${plan.anyWord}::tsquery, 32)::float8 AS rank
    FROM (SELECT p.id, p.first_seen, p.search_vector FROM paper p WHERE p.search_vector @@ ${plan.candidates}::tsquery ${filters}
          ORDER BY p.first_seen DESC, p.id DESC LIMIT ${plan.limit}) p
    ORDER BY p.first_seen DESC, p.id DESC`;
  return rows.map((row) => ({ id: row.id, hits: row.hits.map(Number), rank: Number(row.rank) }));
}

/**
 * "Search all, best first": every match scored, one page of them best first and how many there are
 * (a page past the end reads the last page), within budgetMs; null when that was not enough.
 */
export async function readAll(
  client: PrismaClient,
  tsquery: string,
  filters: Prisma.Sql,
  plan: Plan<"all">,
  budgetMs: number,
): Promise<{ rows: ScoredRow[]; total: number } | null> {
  const read = (offset: number) =>
    client.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(budgetMs))}`);
        return tx.$queryRaw<(ScoredRow & { total: number })[]>`
        WITH m AS MATERIALIZED (SELECT p.id, p.first_seen, ${scoreSql(tsquery)} AS rank FROM paper p WHERE p.search_vector @@ ${tsquery}::tsquery ${filters})
        SELECT m.id, m.rank, (SELECT count(*)::int FROM m) AS total FROM m
        ORDER BY m.rank DESC, m.first_seen DESC, m.id DESC LIMIT ${plan.page.pageSize} OFFSET ${offset}`;
      },
      { timeout: budgetMs + 5_000 },
    );
  try {
    const { requested, pageSize } = plan.page;
    let rows = await read((requested - 1) * pageSize);
    if (rows.length === 0 && requested > 1) {
      // Past the end (a hand-edited URL): the last page, as the other strategies answer.
      rows = await read(0);
      const last = Math.max(1, Math.ceil((rows[0]?.total ?? 0) / pageSize));
      if (last > 1) rows = await read((last - 1) * pageSize);
    }
    return { rows: scored(rows), total: rows[0]?.total ?? 0 };
  } catch (error) {
    if (isStatementTimeout(error)) return null;
    throw error;
  }
}
