// The figures search is tuned by, and where each comes from. The planner (plan.ts) decides with
// them and the SQL (sql.ts, fuzzy.ts) uses them; README "Benchmarks > Search" has the measurements.
//
// Where the costs are, measured with `npm run bench:search` on these machines: every match a query
// touches costs a heap visit and, to score it, a detoast of its search_vector (5-10 us each, stored
// out of line); a GIN read costs about 0.2 us per posting of every word it intersects, so a common
// word costs tens of milliseconds at a million papers whatever the LIMIT. The probe and floor figures
// below were set with that benchmark at a million papers (commit a975618: p50 20 -> 11 ms, p95 64 -> 33 ms).

/** At most this many matches are ranked and counted exactly (README: "Queries with ≤ 300 matches"). */
export const EXACT_LIMIT = 300;

/** Beyond EXACT_LIMIT matches only the newest this many are ranked (README: "the newest 200"). */
export const RANKED_WINDOW = 200;

/** The largest total reported, and so the last reachable page (TOTAL_CAP / pageSize). */
export const TOTAL_CAP = 10_000;

/** A query estimated to match more papers than this skips the exact read and goes to the window... */
const PROBE_ESTIMATE = 6_000;

/** ...and so does a conjunction whose rarest word more papers hold than this (decided from its words). */
const PROBE_POSTINGS = 6_000;

/** The id floor leaves room for this many times the window at the estimated share of matches. */
const WINDOW_MARGIN = 1.5;

/** Reading above an id floor costs about as much as the papers there: past this span, read every match. */
const FLOOR_SPAN_LIMIT = 150_000;

/** When the papers above a floor held fewer matches than the window, the span grows this many times. */
const FLOOR_STEP = 4;

/** A plain query with fewer papers holding all its words than this also shows the closest matches (closest.ts). */
const CLOSEST_BELOW = 3;

/** The closest matches are found among at most this many papers (the newest holding a rarer word)... */
const CLOSEST_CANDIDATES = 1_000;

/** ...and a word brings candidates only when at most this many papers hold it (else it only scores). */
const CLOSEST_POSTINGS = 20_000;

/** "Search all, best first" ranks every match; past this budget the usual plan answers instead. */
export const EXHAUSTIVE_BUDGET_MS = 10_000;

/** pg_trgm word_similarity a title needs to count as a fuzzy match of the query. */
export const WORD_SIMILARITY = 0.5;

/**
 * Fuzzy matching's time budget. A short, common word has trigrams in most titles: at a million papers
 * its similarity scan took 9 s (and broke Prisma's transaction timeout: a 500). Typos and
 * half-remembered titles have rarer trigrams and answer in milliseconds.
 */
export const FUZZY_BUDGET_MS = 1_000;

/** Fuzzy matching reads at most this much of the query (trigram cost grows with its length). */
export const FUZZY_QUERY_CHARS = 200;

/** The planner's statistics on words are read at most once per this long: pg_stats costs a few ms to plan and read. */
export const WORD_STATS_TTL_MS = 60_000;

/** The figures the planner decides with, as one value: tests pass others to move a boundary. */
export type SearchTuning = {
  exactLimit: number;
  rankedWindow: number;
  totalCap: number;
  probeEstimate: number;
  probePostings: number;
  windowMargin: number;
  floorSpanLimit: number;
  floorStep: number;
  closestBelow: number;
  closestCandidates: number;
  closestPostings: number;
};

export const SEARCH_TUNING: SearchTuning = {
  exactLimit: EXACT_LIMIT,
  rankedWindow: RANKED_WINDOW,
  totalCap: TOTAL_CAP,
  probeEstimate: PROBE_ESTIMATE,
  probePostings: PROBE_POSTINGS,
  windowMargin: WINDOW_MARGIN,
  floorSpanLimit: FLOOR_SPAN_LIMIT,
  floorStep: FLOOR_STEP,
  closestBelow: CLOSEST_BELOW,
  closestCandidates: CLOSEST_CANDIDATES,
  closestPostings: CLOSEST_POSTINGS,
};
