// The trending formula: community signals as days of freshness, minus age.
//
//   points = upvotes + 2·saves + ½·tag applications + ¼·upstream upvotes (Hugging Face)
//   boost  = HALF_LIFE_DAYS · log2(1 + points)          (stored on the paper as trending_boost)
//   score  = boost − age in days since the paper was first seen
//
// Read as weights, 2^(score / HALF_LIFE_DAYS) = (1 + points) · ½^(age / HALF_LIFE_DAYS): every
// HALF_LIFE_DAYS of age halve a paper's pull, in the spirit of Hacker News' gravity. Unlike HN's
// power law this decay is exponential, which is what makes it cheap: subtracting the same "now"
// from every paper never changes their order, so the database orders by
// (first_seen as a day number + boost) — a generated, indexed column — and nothing has to be
// recomputed as time passes. A fresh catalogue with no signals is simply newest first.
// Ties (same day, same signals) go to the lower id: digest order.

const HALF_LIFE_DAYS = 2;
/**
 * upstream: Hugging Face's upvote counts come from a much larger, different community and reach the
 * hundreds for a popular paper; a quarter point each lets them order papers nobody here has voted on
 * yet without drowning out this site's own votes (and the log2 flattens them further).
 */
const SIGNAL_WEIGHTS = { upvotes: 1, saves: 2, tags: 0.5, upstream: 0.25 } as const;

/** upstream: the upvote count on the upstream site (paper.upstream_upvotes), kept apart from local votes. */
export type TrendingSignals = { upvotes: number; saves: number; tags: number; upstream?: number };

const DAY_MS = 86_400_000;

/** Days of freshness a paper's signals are worth; 0 without signals. */
export function trendingBoost(signals: TrendingSignals): number {
  const points =
    SIGNAL_WEIGHTS.upvotes * Math.max(0, signals.upvotes) +
    SIGNAL_WEIGHTS.saves * Math.max(0, signals.saves) +
    SIGNAL_WEIGHTS.tags * Math.max(0, signals.tags) +
    SIGNAL_WEIGHTS.upstream * Math.max(0, signals.upstream ?? 0);
  return HALF_LIFE_DAYS * Math.log2(1 + points);
}

/** The trending score at `now`: higher is hotter. */
export function trendingScore(signals: TrendingSignals, firstSeen: Date, now: Date): number {
  return trendingBoost(signals) - (now.getTime() - firstSeen.getTime()) / DAY_MS;
}

/**
 * The part of the score that does not depend on "now": the day the paper was first seen (days since
 * 1970) plus its boost as the database stores it (REAL, so rounded to single precision). This is
 * paper.trending_key; score = key − now in days.
 */
function trendingKey(signals: TrendingSignals, firstSeen: Date): number {
  return firstSeen.getTime() / DAY_MS + Math.fround(trendingBoost(signals));
}

export type TrendingCandidate = { id: number; firstSeen: Date; signals: TrendingSignals };

/**
 * Candidates hottest first; equal scores keep digest order (lower id first). The order is the same at
 * every `now`, so it takes none and compares keys, not scores: subtracting `now` in floating point turns exact
 * ties (255 points 16 days earlier ties with 0 points) into rounding noise, and the database, which
 * sorts by the stored key, would then disagree with this function about who goes first.
 */
export function rankTrending<T extends TrendingCandidate>(papers: readonly T[]): T[] {
  return papers
    .map((paper) => ({ paper, key: trendingKey(paper.signals, paper.firstSeen) }))
    .sort((a, b) => b.key - a.key || a.paper.id - b.paper.id)
    .map(({ paper }) => paper);
}
