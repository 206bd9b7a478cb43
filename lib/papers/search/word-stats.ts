// The planner's statistics on words (the most common elements of paper.search_vector, from pg_stats)
// as the search planner uses them, and the cache that spares reading them on every search.

/** The share of papers holding a word (a lexeme), as PostgreSQL's planner sees it, and how many papers there are. */
export type WordShares = { of: (lexeme: string) => number; papers?: number };

/** pg_stats' most_common_elems of search_vector and their frequencies (sql.ts readWordStats). */
export type WordStatsRow = { elems: string[] | null; freqs: number[] | null; papers?: number | null };

/**
 * The share of papers holding each word: its frequency among the most common elements (about the
 * thousand most common words), else at most 0.5% (as the planner assumes). Null without statistics
 * (a table never analyzed). After the elements' frequencies pg_stats lists their minimum, maximum and
 * null share: a word not among them is rarer than the minimum, so half of it stands in.
 */
export function wordShares(row: WordStatsRow | undefined): WordShares | null {
  if (!row?.elems || !row.freqs || row.freqs.length <= row.elems.length) return null;
  const freqs = row.freqs;
  const byWord = new Map(row.elems.map((elem, i) => [elem, Number(freqs[i])]));
  const rest = Math.min(0.005, Number(freqs[row.elems.length]) / 2);
  return { of: (lexeme) => byWord.get(lexeme) ?? rest, papers: row.papers ?? undefined };
}

export type WordStats = { shares(): Promise<WordShares | null> };

type WordStatsOptions = {
  /** How long what was read stays good. */
  ttlMs: number;
  /** A clock in milliseconds (tests move it by hand). */
  now?: () => number;
};

/**
 * Word statistics read through `read` at most once per ttlMs: pg_stats costs a few milliseconds to
 * plan and read, and the statistics change only when the table is analyzed. One cache per database
 * client (the entry creates it with its client), so statistics never cross databases.
 */
export function cachedWordStats(read: () => Promise<WordStatsRow | undefined>, options: WordStatsOptions): WordStats {
  const now = options.now ?? (() => performance.now());
  let kept: { at: number; shares: WordShares | null } | null = null;
  return {
    async shares() {
      if (kept !== null && now() - kept.at < options.ttlMs) return kept.shares;
      const shares = wordShares(await read());
      kept = { at: now(), shares };
      return shares;
    },
  };
}
