// The closest matches: when no paper (or too few) has every word of a plain query, papers ranked by
// how much of the query they cover. Rarer words count more (by the share of papers holding them),
// a word in the title more than in the abstract, a thesaurus term or a corrected spelling less than
// the word typed. Pure: sql.ts readClosest tests each candidate against each alternative.
import type { ParsedGroup } from "./query-words";
import type { ScoredRow } from "./plan";
import type { WordShares } from "./word-stats";

/** A word found only in the abstract counts this much of one in the title. */
const ABSTRACT_FACTOR = 0.5;

/** A candidate paper: hits[i] for the i-th alternative (group order): 0 absent, 1 abstract, 2 or 3 title. */
export type ClosestRow = { id: number; hits: number[]; rank: number };

/** How much a word tells apart: ln(1 / share of papers holding it), 1 without statistics. */
function informativeness(lexemes: readonly string[], shares: WordShares | null): number {
  if (shares === null || lexemes.length === 0) return 1;
  const share = Math.min(...lexemes.map((lexeme) => shares.of(lexeme)));
  return Math.max(0.05, Math.log(1 / Math.max(share, 1e-9)));
}

/** What each alternative is worth when it is in the title: its weight times its informativeness. */
export function alternativeWorth(groups: readonly ParsedGroup[], shares: WordShares | null): number[][] {
  return groups.map((group) =>
    group.alternatives.map((alternative) => alternative.weight * informativeness(alternative.lexemes, shares)),
  );
}

/**
 * The candidates' tsquery: the groups whose typed words at most `maxPostings` papers hold (reading
 * them through the index stays cheap however large the catalogue), or the rarest group when none is.
 * Common words still count in the score; they only do not bring candidates of their own.
 */
export function candidateQuery(
  groups: readonly ParsedGroup[],
  shares: WordShares | null,
  papers: number,
  maxPostings: number,
): string {
  const share = (group: ParsedGroup) => (shares === null ? 0 : typedShare(group, shares));
  const rare = groups.filter((group) => share(group) * papers <= maxPostings);
  const chosen = rare.length > 0 ? rare : [...groups].sort((a, b) => share(a) - share(b)).slice(0, 1);
  return chosen.flatMap((group) => group.alternatives.map((alternative) => `( ${alternative.tsquery} )`)).join(" | ");
}

/** The share of papers holding the group's typed words (its rarest word; at most 1). */
export function typedShare(group: ParsedGroup, shares: WordShares): number {
  const typed = group.alternatives.find((alternative) => alternative.source !== "thesaurus") ?? group.alternatives[0];
  return Math.min(1, ...(typed?.lexemes ?? []).map((lexeme) => shares.of(lexeme)));
}

/** How much of the query a paper covers, in [0, 1]. */
export function coverage(hits: readonly number[], worth: readonly (readonly number[])[]): number {
  let score = 0;
  let best = 0;
  let i = 0;
  for (const group of worth) {
    let found = 0;
    for (const value of group) {
      const hit = hits[i++] ?? 0;
      const level = hit >= 2 ? 1 : hit === 1 ? ABSTRACT_FACTOR : 0;
      found = Math.max(found, level * value);
    }
    score += found;
    best += Math.max(0, ...group);
  }
  return best > 0 ? score / best : 0;
}

/**
 * The papers with every word first (as ranked, scores >= 1), then the other candidates by coverage,
 * then full-text rank; their scores in (0.5, 1), above similar titles (at most 0.5). Candidates that
 * cover nothing are left out.
 */
export function rankClosest(
  allWords: readonly ScoredRow[],
  candidates: readonly ClosestRow[],
  worth: readonly (readonly number[])[],
): ScoredRow[] {
  const first = new Set(allWords.map((row) => row.id));
  const rest = candidates
    .filter((row) => !first.has(row.id))
    .map((row, order) => ({ id: row.id, cover: coverage(row.hits, worth), rank: row.rank, order }))
    .filter((row) => row.cover > 0)
    .sort((a, b) => b.cover - a.cover || b.rank - a.rank || a.order - b.order);
  return [
    ...allWords,
    ...rest.map((row) => ({ id: row.id, rank: 0.5 + 0.49 * row.cover + 0.01 * Math.min(1, row.rank) })),
  ];
}
