// How search reads a query's matches, decided without a database: from what the database said about
// the query (its parse and the planner's statistics), the page asked for and the tuning figures, and
// after each read from what it found. Pure; the entry (../search.ts) runs each plan with sql.ts.
//
// The strategies, cheapest for the query at hand first:
// - latest: no words, so the newest papers that pass the filters;
// - exact:  a query cheap to read whole (a conjunction with a word rare enough, or a low estimate;
//           and any query `newest` cannot read) reads its matches up to exactLimit + 1 in one
//           statement: at most exactLimit are all ranked and counted exactly (`ranked`);
// - newest: a common query reads only its newest matches through the (id, search_vector) GIN index
//           above an id floor, at a cost that follows the papers above the floor, not the word's
//           matches; the floor comes down when it held too few, and if that read finds every match
//           and there are at most exactLimit (the estimate was high), they are `ranked` after all;
// - window: more than exactLimit matches: the newest rankedWindow are ranked, older ones follow
//           newest first, and the total is the planner's estimate (within exactLimit + 1..totalCap);
// - closest: a plain query (no syntax) with fewer than closestBelow papers holding all its words
//           (each word or a thesaurus term for it): those first, then papers by how much of the query
//           they cover (closest.ts), among the newest closestCandidates holding a rarer word;
// - all:    "search all, best first": every match scored and ranked exactly, whatever it costs
//           (the person asked; a time budget falls back to the usual plan);
// - fuzzy:  nothing matched the words (a typo, a half-remembered title): similar titles; with only
//           stop words or punctuation there is nothing to be similar to, so an empty result.
// `ranked` is the step after exact or newest when every match is in hand: one page of them.
// A new strategy is a new member of SearchPlan, a rule here that returns it, and a case in the entry.
import { alternativeWorth, candidateQuery } from "./closest";
import { alternativeQueries, type ComposedQuery } from "./query-words";
import type { SearchTuning } from "./tuning";
import type { WordShares } from "./word-stats";
import { hasExclusion, isConjunction } from "./words";

/** A matching paper and its score (see sql.ts scoreSql). */
export type ScoredRow = { id: number; rank: number };

/** What the database says about a query before reading any match (sql.ts readQuery). */
export type QueryFacts = {
  /** websearch_to_tsquery's reading of the text, as text. */
  tsquery: string;
  /** Its node count: 0 when the text is only stop words or punctuation. */
  nodes: number;
  /** The stems of the words the person wants found (not excluded ones). */
  lexemes: string[];
  /** The catalogue's size as the planner sees it (pg_class.reltuples) and its newest id. */
  papers: number;
  maxId: number;
  /** The planner's estimate of the matches, filters included (no rows read). */
  estimated: number;
};

export type Filters = { from?: string; to?: string; hasCode: boolean; author?: string | null };

type PageRequest = { requested: number; pageSize: number };

/** One page of a list of `total`: a page past the end is the last page (the result says which). */
export type Page = { page: number; pageSize: number; pageCount: number; offset: number };

export type PlanInput = {
  /** Null when there is no query text (nothing was parsed). */
  facts: QueryFacts | null;
  /** The share of papers holding each word, or null without statistics (word-stats.ts). */
  shares: WordShares | null;
  /** The words the person wants found, as typed (words.ts positiveWords): what fuzzy matching compares. */
  words: string[];
  filters: Filters;
  page: PageRequest;
  tuning: SearchTuning;
  /** A plain query's groups and queries (query-words.ts), null for a query with search syntax. */
  closest: ComposedQuery | null;
  /** "Search all, best first": rank every match exactly. */
  exhaustive: boolean;
};

/** A slice of a list: `limit` items after the first `offset`. */
export type Slice = { offset: number; limit: number };

export type SearchPlan =
  /** No query: the newest papers that pass the filters, counted up to countLimit. */
  | { strategy: "latest"; countLimit: number; page: PageRequest }
  /** Read the matches up to limit + 1 (any, not the best); with at most `limit`, score them all. */
  | { strategy: "exact"; limit: number }
  /** Read the newest matches above `floor` (0: all of them, newest kept), up to `fetch`: score them all
   * when the floor is 0 and there are at most `rankAll`, else the newest `window`. `span` = maxId - floor. */
  | { strategy: "newest"; span: number; floor: number; fetch: number; rankAll: number; window: number }
  /** More matches than are ranked exactly: `window` ranked (null: read the newest `windowSize` here),
   * then older matches newest first. `ranked` and `older` are this page's parts of each. */
  | {
      strategy: "window";
      total: number;
      page: Page;
      windowSize: number;
      window: ScoredRow[] | null;
      ranked: Slice | null;
      older: Slice | null;
    }
  /** Every match is in hand, scored, best first: this page of them (`found`: all words, or the closest). */
  | { strategy: "ranked"; rows: ScoredRow[]; total: number; page: Page; found: "all" | "closest" }
  /** Too few papers with every word (`allWords`, ranked): read the newest `limit` papers matching
   * `candidates`, test each against every alternative (`any`, `title`: group order) and rank them. */
  | {
      strategy: "closest";
      allWords: ScoredRow[];
      candidates: string;
      any: string[];
      title: string[];
      anyWord: string;
      worth: number[][];
      limit: number;
    }
  /** Every match scored, this page of them best first, and how many there are. */
  | { strategy: "all"; page: PageRequest }
  /** Titles similar to `similarTo`, at most `limit`; null when there is nothing to be similar to. */
  | { strategy: "fuzzy"; similarTo: string | null; limit: number };

/** What the exact read found: its size (at most limit + 1), all rows when size <= limit, and the
 * share of papers matching among the ids the matches span when more (null when unknown). */
export type ExactRead = { size: number; rows: ScoredRow[]; density: number | null };

/** What one newest read found: its rows (scored as the plan said) and how many matches it saw. */
export type NewestRead = { rows: ScoredRow[]; size: number };

export function pageOf(total: number, requested: number, pageSize: number): Page {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(requested, pageCount);
  return { page, pageSize, pageCount, offset: (page - 1) * pageSize };
}

/** The first step for a query. */
export function planSearch(input: PlanInput): SearchPlan {
  const { facts, tuning } = input;
  if (facts === null) return { strategy: "latest", countLimit: tuning.totalCap, page: input.page };
  // Only stop words or punctuation: nothing to match, nothing to be similar to.
  if (facts.nodes === 0) return { strategy: "fuzzy", similarTo: null, limit: input.page.pageSize };
  if (input.exhaustive) return { strategy: "all", page: input.page };
  if (!readsNewest(input) || isCheapToReadWhole(input)) return { strategy: "exact", limit: tuning.exactLimit };
  return newestPlan(input, estimatedShare(facts));
}

/** After the exact read: all matches ranked, or on to the newest matches or the window. */
export function planAfterExact(input: PlanInput, read: ExactRead): SearchPlan {
  const facts = factsOf(input);
  if (read.size <= input.tuning.exactLimit) return planRanked(input, read.rows);
  // Where the matches are dense on disk places the floor better than the planner's estimate.
  if (readsNewest(input)) return newestPlan(input, read.density ?? estimatedShare(facts));
  return planWindow(input, null);
}

/** After a newest read: all matches ranked, the window, or another read with a lower floor. */
export function planAfterNewest(
  input: PlanInput,
  plan: Extract<SearchPlan, { strategy: "newest" }>,
  read: NewestRead,
): SearchPlan {
  const { tuning } = input;
  if (plan.floor === 0)
    return read.size <= tuning.exactLimit ? planRanked(input, read.rows) : planWindow(input, read.rows);
  if (read.size >= tuning.rankedWindow) return planWindow(input, read.rows);
  return newestPlanWithSpan(input, plan.span * tuning.floorStep);
}

/**
 * Whether the newest-matches read applies: no date filter (it points elsewhere than the newest ids),
 * no code filter, no exclusion (`-word`: GIN would read its whole index to find the papers without it).
 */
function readsNewest(input: PlanInput): boolean {
  const { filters } = input;
  return !filters.from && !filters.to && !filters.hasCode && !filters.author && !hasExclusion(factsOf(input).tsquery);
}

/**
 * Whether a query is cheap to read whole. A conjunction is as cheap as its rarest word (by the
 * planner's statistics), however many papers the planner expects to hold all its words: GIN reads
 * every word's matches to intersect them, so a conjunction of common words only is never cheap.
 * Anything else (an OR, an exclusion, no statistics) goes by the planner's estimate.
 */
function isCheapToReadWhole(input: PlanInput): boolean {
  const { shares, tuning } = input;
  const facts = factsOf(input);
  const rarest = shares === null ? null : Math.min(...facts.lexemes.map((lexeme) => shares.of(lexeme)));
  if (rarest !== null && Number.isFinite(rarest) && isConjunction(facts.tsquery))
    return rarest * facts.papers <= tuning.probePostings;
  return facts.estimated <= tuning.probeEstimate;
}

/** The share of papers the planner expects to match (1 in an empty catalogue: no floor). */
function estimatedShare(facts: QueryFacts): number {
  return facts.papers > 0 ? Math.max(facts.estimated, 1) / facts.papers : 1;
}

/** The newest read whose floor leaves windowMargin times the window at this share of matches. */
function newestPlan(input: PlanInput, share: number): SearchPlan {
  const { tuning } = input;
  return newestPlanWithSpan(
    input,
    Math.ceil((tuning.windowMargin * tuning.rankedWindow) / Math.min(1, Math.max(share, 1e-9))),
  );
}

function newestPlanWithSpan(input: PlanInput, span: number): SearchPlan {
  const { tuning } = input;
  const maxId = factsOf(input).maxId;
  // Past floorSpanLimit the span costs more than every match does; past maxId it is all of them anyway.
  const floor = span > tuning.floorSpanLimit || span >= maxId ? 0 : maxId - span;
  return {
    strategy: "newest",
    span,
    floor,
    fetch: tuning.exactLimit + 1,
    rankAll: tuning.exactLimit,
    window: tuning.rankedWindow,
  };
}

/** Every match in hand: a page of them, the closest matches when too few, similar titles when none. */
function planRanked(input: PlanInput, rows: ScoredRow[]): SearchPlan {
  const { closest, tuning, shares } = input;
  if (closest !== null && closest.groups.length >= 2 && rows.length < tuning.closestBelow) {
    const { any, title } = alternativeQueries(closest.groups);
    const candidates = candidateQuery(closest.groups, shares, factsOf(input).papers, tuning.closestPostings);
    const worth = alternativeWorth(closest.groups, shares);
    return {
      strategy: "closest",
      allWords: rows,
      candidates,
      any,
      title,
      anyWord: closest.anyWord,
      worth,
      limit: tuning.closestCandidates,
    };
  }
  return planFound(input, rows, "all");
}

/** After the closest read: a page of them, or similar titles when nothing came close. */
export function planAfterClosest(input: PlanInput, rows: ScoredRow[]): SearchPlan {
  return planFound(input, rows, "closest");
}

function planFound(input: PlanInput, rows: ScoredRow[], found: "all" | "closest"): SearchPlan {
  const { requested, pageSize } = input.page;
  if (rows.length === 0) return { strategy: "fuzzy", similarTo: input.words.join(" "), limit: pageSize };
  const page = pageOf(rows.length, requested, pageSize);
  return { strategy: "ranked", rows: rows.slice(page.offset, page.offset + pageSize), total: rows.length, page, found };
}

/**
 * The window over more than exactLimit matches; `window` is its rows when already read. The total is
 * not counted: when the estimate is high, the last pages are empty rather than the clamped last page.
 */
function planWindow(input: PlanInput, window: ScoredRow[] | null): SearchPlan {
  const { tuning } = input;
  const { requested, pageSize } = input.page;
  const total = Math.min(tuning.totalCap, Math.max(tuning.exactLimit + 1, factsOf(input).estimated));
  const page = pageOf(total, requested, pageSize);
  const { offset } = page;
  const windowSize = tuning.rankedWindow;
  // The page's part inside the ranked window, then its part among the older matches.
  const ranked = offset < windowSize ? { offset, limit: Math.min(offset + pageSize, windowSize) - offset } : null;
  const from = Math.max(offset, windowSize);
  const older = offset + pageSize > windowSize ? { offset: from, limit: offset + pageSize - from } : null;
  return { strategy: "window", total, page, windowSize, window, ranked, older };
}

function factsOf(input: PlanInput): QueryFacts {
  if (input.facts === null) throw new Error("search plan: a full-text step needs the parsed query (facts is null)");
  return input.facts;
}
