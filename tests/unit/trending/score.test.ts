// The trending formula (lib/trending/score.ts): ordering rules, and the stored key the database sorts by.
import { describe, expect, it } from "vitest";
import {
  rankTrending,
  trendingBoost,
  trendingScore,
  type TrendingCandidate,
  type TrendingSignals,
} from "../../../lib/trending/score";

const DAY_MS = 86_400_000;
const NOW = new Date("2025-05-10T15:30:00Z");
const none: TrendingSignals = { upvotes: 0, saves: 0, tags: 0 };

function paper(id: number, firstSeen: string, signals: Partial<TrendingSignals> = {}): TrendingCandidate {
  return { id, firstSeen: new Date(`${firstSeen}T00:00:00Z`), signals: { ...none, ...signals } };
}

const ids = (papers: readonly TrendingCandidate[]) => papers.map((p) => p.id);

/**
 * What PostgreSQL stores as paper.trending_key: first_seen's day number plus trending_boost, a REAL
 * (float4) column, so the boost is rounded to single precision before the (double) addition.
 */
function storedKey(candidate: TrendingCandidate): number {
  return Math.round(candidate.firstSeen.getTime() / DAY_MS) + Math.fround(trendingBoost(candidate.signals));
}

/** ORDER BY trending_key DESC, id ASC: the index paper_trending_idx. */
function byStoredKey<T extends TrendingCandidate>(papers: readonly T[]): T[] {
  return [...papers].sort((a, b) => storedKey(b) - storedKey(a) || a.id - b.id);
}

/** A small seeded generator (mulberry32): the same "random" catalogue on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("trending order", () => {
  it("ranks the paper with more upvotes higher when both were first seen the same day", () => {
    const ranked = rankTrending([paper(1, "2025-05-08", { upvotes: 2 }), paper(2, "2025-05-08", { upvotes: 5 })]);
    expect(ids(ranked)).toEqual([2, 1]);
  });

  it("ranks the older paper lower when both have the same votes", () => {
    const ranked = rankTrending([paper(1, "2025-05-01", { upvotes: 4 }), paper(2, "2025-05-06", { upvotes: 4 })]);
    expect(ids(ranked)).toEqual([2, 1]);
  });

  it("breaks ties by the lower id (digest order), whatever order the papers come in", () => {
    const tied = [
      paper(7, "2025-05-08", { upvotes: 3 }),
      paper(3, "2025-05-08", { upvotes: 3 }),
      paper(5, "2025-05-08", { upvotes: 3 }),
    ];
    expect(ids(rankTrending(tied))).toEqual([3, 5, 7]);
    expect(ids(rankTrending([...tied].reverse()))).toEqual([3, 5, 7]);
  });

  it("counts saves double an upvote and a tag application half", () => {
    expect(trendingBoost({ upvotes: 0, saves: 1, tags: 0 })).toBe(trendingBoost({ upvotes: 2, saves: 0, tags: 0 }));
    expect(trendingBoost({ upvotes: 0, saves: 0, tags: 2 })).toBe(trendingBoost({ upvotes: 1, saves: 0, tags: 0 }));
    const ranked = rankTrending([
      paper(1, "2025-05-08"),
      paper(2, "2025-05-08", { tags: 1 }),
      paper(3, "2025-05-08", { saves: 1 }),
    ]);
    expect(ids(ranked)).toEqual([3, 2, 1]);
  });

  it("lists a catalogue with no signals newest first, digest order within a day", () => {
    const catalogue = [
      paper(1, "2025-04-30"),
      paper(2, "2025-04-30"),
      paper(3, "2025-05-02"),
      paper(4, "2025-05-02"),
      paper(5, "2025-05-05"),
    ];
    expect(ids(rankTrending(catalogue))).toEqual([5, 3, 4, 1, 2]);
    for (const p of catalogue) expect(trendingBoost(p.signals)).toBe(0);
  });

  it("lets enough votes outweigh age: each HALF_LIFE_DAYS of age needs the points doubled", () => {
    // 1 upvote buys 2 days, 3 upvotes 4 days: the 3-vote paper from 3 days earlier still leads.
    const ranked = rankTrending([paper(1, "2025-05-05", { upvotes: 3 }), paper(2, "2025-05-08", { upvotes: 0 })]);
    expect(ids(ranked)).toEqual([1, 2]);
    expect(trendingScore({ upvotes: 3, saves: 0, tags: 0 }, new Date("2025-05-05T00:00:00Z"), NOW)).toBeCloseTo(
      4 - 5.6458,
      3,
    );
  });

  it("ignores negative counts rather than letting them push a paper below an unvoted one", () => {
    expect(trendingBoost({ upvotes: -5, saves: -1, tags: -2 })).toBe(0);
  });

  it("orders by the stored key exactly as rankTrending does, at any 'now' (what the database index relies on)", () => {
    const random = seeded(20250430);
    const start = Date.UTC(2025, 0, 1);
    const catalogue = Array.from({ length: 400 }, (_, index) => {
      const quiet = random() < 0.4; // many papers have no signals at all, as on a fresh install
      return {
        id: index + 1,
        firstSeen: new Date(start + Math.floor(random() * 120) * DAY_MS),
        signals: quiet
          ? none
          : {
              upvotes: Math.floor(random() ** 3 * 300),
              saves: Math.floor(random() ** 3 * 40),
              tags: Math.floor(random() * 12),
            },
      };
    });
    const ranked = rankTrending(catalogue);
    expect(ids(ranked)).toEqual(ids(byStoredKey(catalogue)));
    for (const now of [
      "2025-05-01T00:00:00Z",
      "2025-05-01T13:17:42Z",
      "2025-09-30T23:59:59Z",
      "2031-01-01T06:00:00Z",
      "2025-01-01T00:00:00Z",
    ]) {
      // The documented score's order at every `now`: hotter first, up to floating-point noise.
      const scores = ranked.map((p) => trendingScore(p.signals, p.firstSeen, new Date(now)));
      for (let i = 1; i < scores.length; i++)
        expect(scores[i - 1]! - scores[i]!, `${now} #${i}`).toBeGreaterThan(-1e-6);
    }
  });
});

describe("upstream upvotes", () => {
  it("count a quarter of a local upvote each, and nothing when absent", () => {
    expect(trendingBoost({ upvotes: 0, saves: 0, tags: 0, upstream: 4 })).toBe(
      trendingBoost({ upvotes: 1, saves: 0, tags: 0 }),
    );
    expect(trendingBoost({ upvotes: 3, saves: 0, tags: 0 })).toBe(
      trendingBoost({ upvotes: 3, saves: 0, tags: 0, upstream: 0 }),
    );
  });

  it("add to local votes rather than replace them", () => {
    expect(trendingBoost({ upvotes: 5, saves: 0, tags: 0, upstream: 100 })).toBe(
      trendingBoost({ upvotes: 30, saves: 0, tags: 0 }),
    );
  });
});
