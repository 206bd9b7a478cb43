// Search: ranked full-text over titles and abstracts, fuzzy title matching for typos, filters and
// pages. Any text a person types yields results or an empty result, never an error. This entry runs
// the plan steps that search/plan.ts chooses with the SQL of search/sql.ts and search/fuzzy.ts.
import "server-only";
import { db } from "../db/prisma";
import type { Prisma, PrismaClient } from "../db/generated/client";
import { paperSummaries } from "./paper";
import { pageOf, planAfterExact, planAfterNewest, planSearch, type Page, type PlanInput, type ScoredRow, type SearchPlan } from "./search/plan";
import { similarTitles } from "./search/fuzzy";
import { countLatest, filterSql, readExact, readLatest, readNewest, readQuery, readWindow, readWordStats } from "./search/sql";
import { SEARCH_TUNING, WORD_STATS_TTL_MS, type SearchTuning } from "./search/tuning";
import { cachedWordStats, type WordStats } from "./search/word-stats";
import { highlightOrder, positiveWords } from "./search/words";
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, normalizeQueryText, type SearchQuery } from "./search-params";
import type { PaperSummary } from "./types";

export { EXACT_LIMIT, RANKED_WINDOW, TOTAL_CAP } from "./search/tuning";

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

/** Search on one database client, with its own word-statistics cache. */
export type PaperSearch = { client: PrismaClient; search(query: SearchQuery): Promise<SearchResult> };

export type PaperSearchOptions = { tuning?: SearchTuning; wordStats?: WordStats };

function clampInt(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

async function hits(rows: ScoredRow[]): Promise<SearchHit[]> {
  const summaries = await paperSummaries(rows.map((row) => row.id));
  const rank = new Map(rows.map((row) => [row.id, Number(row.rank)]));
  return summaries.map((summary) => ({ ...summary, rank: rank.get(summary.id) ?? 0 }));
}

function pageFields(page: Page) {
  return { page: page.page, pageSize: page.pageSize, pageCount: page.pageCount };
}

/** Search on `client`; its word statistics are read through it and kept WORD_STATS_TTL_MS unless given. */
export function createPaperSearch(client: PrismaClient, options: PaperSearchOptions = {}): PaperSearch {
  const tuning = options.tuning ?? SEARCH_TUNING;
  const wordStats = options.wordStats ?? cachedWordStats(() => readWordStats(client), { ttlMs: WORD_STATS_TTL_MS });

  async function search(query: SearchQuery): Promise<SearchResult> {
    const page = { requested: clampInt(query.page, 1, MAX_PAGE, 1), pageSize: clampInt(query.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE) };
    const q = normalizeQueryText(query.q ?? "");
    const filters = filterSql(query);
    const words = q === "" ? [] : positiveWords(q);
    // The parse, the planner's estimate and its word statistics at once (statistics usually cached).
    const [read, shares] = q === "" ? [null, null] : await Promise.all([readQuery(client, q, words, filters), wordStats.shares()]);
    const input: PlanInput = { facts: read?.facts ?? null, shares, words, filters: query, page, tuning };
    const terms = highlightOrder(read?.terms ?? []);
    const tsquery = read?.facts.tsquery ?? "";

    let plan: SearchPlan = planSearch(input);
    for (;;) {
      switch (plan.strategy) {
        case "latest": {
          const total = await countLatest(client, filters, plan);
          const latest = pageOf(total, plan.page.requested, plan.page.pageSize);
          const rows = await readLatest(client, filters, { offset: latest.offset, limit: latest.pageSize });
          return { papers: await hits(rows), total, ...pageFields(latest), mode: "latest", terms: [] };
        }
        case "exact":
          plan = planAfterExact(input, await readExact(client, tsquery, filters, plan));
          break;
        case "newest":
          plan = planAfterNewest(input, plan, await readNewest(client, tsquery, plan));
          break;
        case "window": {
          const rows = await readWindow(client, tsquery, filters, plan);
          return { papers: await hits(rows), total: plan.total, ...pageFields(plan.page), mode: "fulltext", terms };
        }
        case "ranked":
          return { papers: await hits(plan.rows), total: plan.total, ...pageFields(plan.page), mode: "fulltext", terms };
        case "fuzzy": {
          const similar = plan.similarTo === null ? [] : await similarTitles(client, plan.similarTo, filters, plan.limit);
          const fuzzyPage = pageOf(similar.length, 1, page.pageSize);
          return { papers: await hits(similar), total: similar.length, ...pageFields(fuzzyPage), mode: similar.length > 0 ? "fuzzy" : "fulltext", terms };
        }
        default:
          return plan satisfies never;
      }
    }
  }
  return { client, search };
}

/**
 * The app's search, created with the app's client (db()) and created again when db() hands out
 * another client (a test's database): its word statistics never outlive the client they were read through.
 */
let appSearch: PaperSearch | null = null;

export async function searchPapers(query: SearchQuery): Promise<SearchResult> {
  const client = db();
  if (appSearch === null || appSearch.client !== client) appSearch = createPaperSearch(client);
  return appSearch.search(query);
}

/** Titles similar to `q` on the app's client (see search/fuzzy.ts similarTitles). */
export function fuzzyMatches(q: string, filters: Prisma.Sql, limit: number, budgetMs?: number): Promise<ScoredRow[]> {
  return similarTitles(db(), q, filters, limit, budgetMs);
}
