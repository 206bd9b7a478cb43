// What search reads from typed text (lib/papers/search/words.ts) and from the planner's statistics on
// words (lib/papers/search/word-stats.ts), without a database.
import { describe, expect, it } from "vitest";
import { cachedWordStats, wordShares, type WordStatsRow } from "../../../lib/papers/search/word-stats";
import {
  hasExclusion,
  highlightOrder,
  isConjunction,
  positiveWords,
  withTitleWeight,
} from "../../../lib/papers/search/words";

describe("the words a person wants found", () => {
  it("keeps words and phrase words, lower-cased once each; drops -excluded words and phrases and OR", () => {
    expect(positiveWords('Vision "Large Language" -attention -"state space" OR vision or Mamba-2')).toEqual([
      "vision",
      "large",
      "language",
      "mamba",
      "2",
    ]);
  });

  it("an unbalanced quote still yields its words; at most 50 words", () => {
    expect(positiveWords('"unbalanced quote')).toEqual(["unbalanced", "quote"]);
    expect(positiveWords(Array.from({ length: 80 }, (_, i) => `w${i}`).join(" "))).toHaveLength(50);
  });

  it("orders words to highlight longest first, then alphabetically, without empty ones", () => {
    expect(highlightOrder(["video", "", "benchmark", "bench", "audio"])).toEqual([
      "benchmark",
      "audio",
      "bench",
      "video",
    ]);
  });
});

describe("tsquery text", () => {
  it("restricts every lexeme to the title, quotes and prefixes included", () => {
    expect(withTitleWeight("'video' & 'llm':*")).toBe("'video':A & 'llm':*A");
    expect(withTitleWeight("'o''brien' <-> 'law':AB")).toBe("'o''brien':A <-> 'law':A");
  });

  it("tells a conjunction from an OR or an exclusion", () => {
    expect(isConjunction("'video' & 'benchmark'")).toBe(true);
    expect(isConjunction("'vision' <-> 'transform'")).toBe(true);
    expect(isConjunction("'quokka' | 'wombat'")).toBe(false);
    expect(isConjunction("'quokka' & !'attent'")).toBe(false);
    expect(hasExclusion("'quokka' & !'attent'")).toBe(true);
    expect(hasExclusion("'quokka' | 'wombat'")).toBe(false);
  });
});

describe("word shares from the planner's statistics", () => {
  // pg_stats: the elements' frequencies, then their minimum, maximum and the null share.
  const row: WordStatsRow = { elems: ["model", "languag"], freqs: [0.4, 0.002, 0.002, 0.4, 0] };

  it("a listed word has its frequency; any other half the least listed one, at most 0.5%", () => {
    const shares = wordShares(row)!;
    expect(shares.of("model")).toBe(0.4);
    expect(shares.of("languag")).toBe(0.002);
    expect(shares.of("walrus")).toBe(0.001);
    expect(wordShares({ elems: ["model"], freqs: [0.4, 0.4, 0.4, 0] })!.of("walrus")).toBe(0.005);
  });

  it("no statistics (a table never analyzed) is null", () => {
    expect(wordShares(undefined)).toBeNull();
    expect(wordShares({ elems: null, freqs: null })).toBeNull();
    expect(wordShares({ elems: ["model"], freqs: [0.4] })).toBeNull();
  });

  it("the cache reads once per time-to-live, absent statistics included", async () => {
    let clock = 0;
    let reads = 0;
    let next: WordStatsRow | undefined = undefined;
    const stats = cachedWordStats(
      async () => {
        reads += 1;
        return next;
      },
      { ttlMs: 60_000, now: () => clock },
    );
    expect(await stats.shares()).toBeNull();
    next = row;
    clock = 59_999;
    expect(await stats.shares()).toBeNull();
    expect(reads).toBe(1);
    clock = 60_000;
    expect((await stats.shares())!.of("model")).toBe(0.4);
    expect(reads).toBe(2);
  });
});
