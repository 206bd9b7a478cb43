// Search: ranked full-text over titles and abstracts, the field's thesaurus, the closest matches when
// too few papers have every word, "Did you mean" from the catalogue's words, fuzzy title matching for
// typos, filters and pages. Any text a person types yields results or an empty result, never an error.
// This entry runs the plan steps that search/plan.ts chooses with the SQL of search/sql.ts,
// search/fuzzy.ts and search/vocabulary.ts (plain queries are read by search/plain-query.ts).
import "server-only";
import { splitAuthorQuery } from "../authors/search-syntax";
import { db } from "../db/prisma";
import type { Prisma, PrismaClient } from "../db/generated/client";
import { paperSummaries } from "./paper";
import {
  pageOf,
  planAfterClosest,
  planAfterExact,
  planAfterNewest,
  planSearch,
  type Page,
  type PlanInput,
  type ScoredRow,
  type SearchPlan,
} from "./search/plan";
import { rankClosest, typedShare } from "./search/closest";
import { similarTitles } from "./search/fuzzy";
import { plainQueryCache, readPlainQuery } from "./search/plain-query";
import { compose, usesSyntax, type ParsedGroup } from "./search/query-words";
import {
  countLatest,
  filterSql,
  readAll,
  readClosest,
  readExact,
  readLatest,
  readNewest,
  readQuery,
  readWindow,
  readWordStats,
  tsquerySql,
} from "./search/sql";
import { EXHAUSTIVE_BUDGET_MS, SEARCH_TUNING, WORD_STATS_TTL_MS, type SearchTuning } from "./search/tuning";
import { cachedWordStats, type WordStats } from "./search/word-stats";
import { highlightOrder, positiveWords } from "./search/words";
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, normalizeQueryText, type SearchQuery } from "./search-params";
import type { PaperSummary } from "./types";

export { EXACT_LIMIT, RANKED_WINDOW, TOTAL_CAP } from "./search/tuning";

type SearchHit = PaperSummary & { rank: number };

export type SearchResult = {
  papers: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** fulltext: papers with every word; closest: too few have them all, so those then the closest
   * matches; fuzzy: none matched, similar titles; latest: no query. */
  mode: "fulltext" | "closest" | "fuzzy" | "latest";
  /** exact: every match ranked; newest: a common query, only its newest RANKED_WINDOW matches are
   * ranked and older ones follow newest first ("search all, best first" ranks them all). */
  ranking: "exact" | "newest";
  /** "Search all, best first" was asked for and took longer than its budget: the usual ranking answered. */
  exhaustiveTimedOut: boolean;
  /** The query as the catalogue spells its unknown words ("Did you mean"), or null. */
  suggestion: string | null;
  /** In closest mode: how many papers have every word (they come first). */
  allWords: number;
  /** Words to highlight (the query's words and their stems, thesaurus terms, corrections; see highlightSegments). */
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
  const plainCache = plainQueryCache();

  async function search(query: SearchQuery): Promise<SearchResult> {
    const page = {
      requested: clampInt(query.page, 1, MAX_PAGE, 1),
      pageSize: clampInt(query.pageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    };
    // author:"Name" is a filter (lib/authors/search-syntax.ts); the rest of the text is searched.
    const { text: q, author } = splitAuthorQuery(normalizeQueryText(query.q ?? ""));
    const filters = filterSql({ ...query, author });
    // A plain query is expanded (thesaurus, completion, spelling); one with search syntax is read as written.
    const [plain, shares] =
      q === ""
        ? [null, null]
        : await Promise.all([usesSyntax(q) ? null : readPlainQuery(client, q, plainCache), wordStats.shares()]);
    const words = plain?.words ?? (q === "" ? [] : positiveWords(q));
    // A word more papers hold than bring closest candidates finds enough itself: no thesaurus terms for it.
    const expands = (group: ParsedGroup) =>
      shares?.papers === undefined || typedShare(group, shares) * shares.papers <= tuning.closestPostings;
    const composed = plain === null ? null : compose(plain.groups, expands);
    const tsquerySource = composed === null ? tsquerySql({ syntax: q }) : tsquerySql({ composed: composed.allWords });
    const read = q === "" ? null : await readQuery(client, tsquerySource, words, filters);
    let input: PlanInput = {
      facts: read?.facts ?? null,
      shares,
      words,
      filters: { ...query, author },
      page,
      tuning,
      closest: composed,
      exhaustive: query.exhaustive === true,
    };
    const terms = highlightOrder([
      ...new Set([...(read?.terms ?? []), ...(plain?.terms ?? []).filter((term) => term.length >= 3)]),
    ]);
    const tsquery = read?.facts.tsquery ?? "";
    const base: Omit<SearchResult, "papers" | "total" | "page" | "pageSize" | "pageCount" | "mode"> = {
      terms,
      suggestion: plain?.suggestion ?? null,
      exhaustiveTimedOut: false,
      allWords: 0,
      ranking: "exact",
    };
    let timedOut = false;

    let plan: SearchPlan = planSearch(input);
    for (;;) {
      switch (plan.strategy) {
        case "latest": {
          const total = await countLatest(client, filters, plan);
          const latest = pageOf(total, plan.page.requested, plan.page.pageSize);
          const rows = await readLatest(client, filters, { offset: latest.offset, limit: latest.pageSize });
          return { ...base, papers: await hits(rows), total, ...pageFields(latest), mode: "latest", terms: [] };
        }
        case "exact":
          plan = planAfterExact(input, await readExact(client, tsquery, filters, plan));
          break;
        case "newest":
          plan = planAfterNewest(input, plan, await readNewest(client, tsquery, plan));
          break;
        case "window": {
          const rows = await readWindow(client, tsquery, filters, plan);
          return {
            ...base,
            papers: await hits(rows),
            total: plan.total,
            ...pageFields(plan.page),
            mode: "fulltext",
            ranking: "newest",
            exhaustiveTimedOut: timedOut,
          };
        }
        case "closest": {
          base.allWords = plan.allWords.length;
          const candidates = await readClosest(client, filters, plan);
          plan = planAfterClosest(input, rankClosest(plan.allWords, candidates, plan.worth));
          break;
        }
        case "all": {
          const all = await readAll(client, tsquery, filters, plan, EXHAUSTIVE_BUDGET_MS);
          if (all === null || all.total === 0) {
            // Over budget, or nothing has every word (the closest matches or similar titles answer).
            timedOut = all === null;
            input = { ...input, exhaustive: false };
            plan = planSearch(input);
            break;
          }
          const allPage = pageOf(all.total, plan.page.requested, plan.page.pageSize);
          return { ...base, papers: await hits(all.rows), total: all.total, ...pageFields(allPage), mode: "fulltext" };
        }
        case "ranked":
          return {
            ...base,
            papers: await hits(plan.rows),
            total: plan.total,
            ...pageFields(plan.page),
            mode: plan.found === "closest" ? "closest" : "fulltext",
            exhaustiveTimedOut: timedOut,
          };
        case "fuzzy": {
          const similar =
            plan.similarTo === null ? [] : await similarTitles(client, plan.similarTo, filters, plan.limit);
          const fuzzyPage = pageOf(similar.length, 1, page.pageSize);
          return {
            ...base,
            papers: await hits(similar),
            total: similar.length,
            ...pageFields(fuzzyPage),
            mode: similar.length > 0 ? "fuzzy" : "fulltext",
          };
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
