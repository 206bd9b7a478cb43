// The search planner (lib/papers/search/plan.ts): which strategy a query gets from what the database
// said about it, and what follows each read, with the boundaries between strategies.
import { describe, expect, it } from "vitest";
import {
  planAfterExact,
  planAfterNewest,
  planSearch,
  type PlanInput,
  type QueryFacts,
  type ScoredRow,
  type SearchPlan,
} from "../../../lib/papers/search/plan";
import { EXACT_LIMIT, RANKED_WINDOW, SEARCH_TUNING, TOTAL_CAP } from "../../../lib/papers/search/tuning";
import type { WordShares } from "../../../lib/papers/search/word-stats";

const facts = (over: Partial<QueryFacts> = {}): QueryFacts => ({
  tsquery: "'zebra'",
  nodes: 1,
  lexemes: ["zebra"],
  papers: 100_000,
  maxId: 100_000,
  estimated: 1_000,
  ...over,
});

const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  facts: facts(),
  shares: null,
  words: ["zebra"],
  filters: { hasCode: false },
  page: { requested: 1, pageSize: 20 },
  tuning: SEARCH_TUNING,
  closest: null,
  exhaustive: false,
  ...over,
});

/** Word statistics with these shares; any other word has `rest`. */
const shares = (known: Record<string, number>, rest = 0.001): WordShares => ({ of: (lexeme) => known[lexeme] ?? rest });

/** `n` scored rows, best first. */
const rows = (n: number): ScoredRow[] => Array.from({ length: n }, (_, i) => ({ id: n - i, rank: 2 - i / n }));

type Of<S extends SearchPlan["strategy"]> = Extract<SearchPlan, { strategy: S }>;
function expectStrategy<S extends SearchPlan["strategy"]>(plan: SearchPlan, strategy: S): Of<S> {
  expect(plan.strategy).toBe(strategy);
  return plan as Of<S>;
}

describe("the first step", () => {
  it("no query text lists the newest papers, counted up to the total cap", () => {
    const plan = planSearch(input({ facts: null, words: [], page: { requested: 3, pageSize: 10 } }));
    expect(plan).toEqual({ strategy: "latest", countLimit: TOTAL_CAP, page: { requested: 3, pageSize: 10 } });
  });

  it("only stop words or punctuation: nothing to match and nothing to be similar to", () => {
    const plan = planSearch(input({ facts: facts({ nodes: 0, tsquery: "", lexemes: [] }), words: ["the", "of"] }));
    expect(plan).toEqual({ strategy: "fuzzy", similarTo: null, limit: 20 });
  });

  it("a conjunction whose rarest word few enough papers hold is read whole, up to the boundary", () => {
    // 0.5 of 12,000 papers: 6,000 postings, the limit itself.
    // The planner expects many papers with both: the rarest word's postings decide, not the estimate.
    const zebraStripe = (papers: number) =>
      input({
        facts: facts({
          tsquery: "'zebra' & 'stripe'",
          lexemes: ["zebra", "stripe"],
          papers,
          maxId: papers,
          estimated: 50_000,
        }),
        shares: shares({ zebra: 0.5, stripe: 0.9 }),
      });
    expect(planSearch(zebraStripe(12_000))).toEqual({ strategy: "exact", limit: EXACT_LIMIT });
    expect(planSearch(zebraStripe(12_002)).strategy).toBe("newest");
  });

  it("common words that few papers hold together still go to the newest matches (GIN reads every word)", () => {
    const plan = planSearch(
      input({
        facts: facts({ tsquery: "'alpha' & 'beta'", lexemes: ["alpha", "beta"], estimated: 40 }),
        shares: shares({ alpha: 0.5, beta: 0.5 }),
      }),
    );
    expect(plan.strategy).toBe("newest");
  });

  it("a word the statistics do not list counts as rare", () => {
    const plan = planSearch(input({ facts: facts({ estimated: 90_000 }), shares: shares({ other: 0.9 }, 0.0001) }));
    expect(plan.strategy).toBe("exact");
  });

  it("without statistics, an OR, or no lexemes, the planner's estimate decides, up to the boundary", () => {
    const cases: Partial<PlanInput>[] = [
      { shares: null },
      { facts: facts({ tsquery: "'quokka' | 'wombat'", lexemes: ["quokka", "wombat"] }), shares: shares({}, 0.00001) },
      { facts: facts({ lexemes: [] }), shares: shares({}, 0.00001) },
    ];
    for (const over of cases) {
      const at = (estimated: number) =>
        planSearch(input({ ...over, facts: { ...(over.facts ?? facts()), estimated } }));
      expect(at(SEARCH_TUNING.probeEstimate).strategy).toBe("exact");
      expect(at(SEARCH_TUNING.probeEstimate + 1).strategy).toBe("newest");
    }
  });

  it("date or code filters and exclusions are read whole first, however common (newest cannot read them)", () => {
    const common = { facts: facts({ estimated: 90_000 }), shares: shares({ zebra: 0.9 }) };
    expect(planSearch(input(common)).strategy).toBe("newest");
    expect(planSearch(input({ ...common, filters: { hasCode: true } })).strategy).toBe("exact");
    expect(planSearch(input({ ...common, filters: { hasCode: false, from: "2025-05-01" } })).strategy).toBe("exact");
    expect(planSearch(input({ ...common, filters: { hasCode: false, to: "2025-05-01" } })).strategy).toBe("exact");
    expect(planSearch(input({ ...common, facts: { ...common.facts, tsquery: "'zebra' & !'lion'" } })).strategy).toBe(
      "exact",
    );
  });

  it("places the newest read's floor to leave the margin times the window at the estimated share", () => {
    // 25,000 of 100,000 papers: a quarter, so 1.5 x 200 / 0.25 = 1,200 ids above the floor.
    const plan = expectStrategy(planSearch(input({ facts: facts({ estimated: 25_000 }) })), "newest");
    expect(plan).toEqual({
      strategy: "newest",
      span: 1_200,
      floor: 98_800,
      fetch: EXACT_LIMIT + 1,
      rankAll: EXACT_LIMIT,
      window: RANKED_WINDOW,
    });
  });

  it("drops the floor when its span passes the span limit or the newest id", () => {
    const quarter = (over: Partial<QueryFacts>, floorSpanLimit = SEARCH_TUNING.floorSpanLimit) =>
      expectStrategy(
        planSearch(
          input({ facts: facts({ estimated: 25_000, ...over }), tuning: { ...SEARCH_TUNING, floorSpanLimit } }),
        ),
        "newest",
      ).floor;
    expect(quarter({}, 1_200)).toBe(98_800);
    expect(quarter({}, 1_199)).toBe(0);
    expect(quarter({ maxId: 1_201 })).toBe(1);
    expect(quarter({ maxId: 1_200 })).toBe(0);
    // A table never analyzed (no papers by the planner's count): the share counts as 1, the span as the margin times the window.
    expect(quarter({ papers: 0, maxId: 100_000, estimated: 25_000 })).toBe(100_000 - 300);
  });
});

describe("after the exact read", () => {
  it("at most the exact limit: every match ranked, this page of them", () => {
    const plan = expectStrategy(
      planAfterExact(input({ page: { requested: 3, pageSize: 20 } }), { size: 45, rows: rows(45), density: null }),
      "ranked",
    );
    expect(plan).toMatchObject({ total: 45, page: { page: 3, pageCount: 3, offset: 40 } });
    expect(plan.rows).toEqual(rows(45).slice(40));
    const last = expectStrategy(
      planAfterExact(input(), { size: EXACT_LIMIT, rows: rows(EXACT_LIMIT), density: null }),
      "ranked",
    );
    expect(last.total).toBe(EXACT_LIMIT);
  });

  it("a page past the end shows the last page", () => {
    const plan = expectStrategy(
      planAfterExact(input({ page: { requested: 99, pageSize: 20 } }), { size: 45, rows: rows(45), density: null }),
      "ranked",
    );
    expect(plan.page).toEqual({ page: 3, pageSize: 20, pageCount: 3, offset: 40 });
  });

  it("no match: titles similar to the words typed", () => {
    const plan = planAfterExact(input({ words: ["multimodel", "benchmark"] }), { size: 0, rows: [], density: null });
    expect(plan).toEqual({ strategy: "fuzzy", similarTo: "multimodel benchmark", limit: 20 });
  });

  it("more than the exact limit: the newest matches, the floor placed by the density found on disk", () => {
    const plan = expectStrategy(planAfterExact(input(), { size: EXACT_LIMIT + 1, rows: [], density: 0.25 }), "newest");
    expect(plan).toMatchObject({ span: 1_200, floor: 98_800 });
    // Without a density (all matches on one id) the estimate places it: 1,000 of 100,000.
    const fallback = expectStrategy(
      planAfterExact(input(), { size: EXACT_LIMIT + 1, rows: [], density: null }),
      "newest",
    );
    expect(fallback.span).toBe(30_000);
  });

  it("more than the exact limit with a filter: the window, read as the planner sees fit", () => {
    const plan = expectStrategy(
      planAfterExact(input({ filters: { hasCode: true } }), { size: EXACT_LIMIT + 1, rows: [], density: 0.25 }),
      "window",
    );
    expect(plan).toMatchObject({
      window: null,
      windowSize: RANKED_WINDOW,
      total: 1_000,
      ranked: { offset: 0, limit: 20 },
      older: null,
    });
  });
});

describe("after a newest read", () => {
  const newest = (over: Partial<QueryFacts> = {}) =>
    expectStrategy(planSearch(input({ facts: facts({ estimated: 25_000, ...over }) })), "newest");

  it("with no floor, at most the exact limit: every match ranked (the estimate was high)", () => {
    const noFloor = { ...newest(), floor: 0 };
    expect(planAfterNewest(input(), noFloor, { rows: rows(40), size: 40 })).toMatchObject({
      strategy: "ranked",
      total: 40,
    });
    expect(planAfterNewest(input(), noFloor, { rows: rows(EXACT_LIMIT), size: EXACT_LIMIT })).toMatchObject({
      strategy: "ranked",
      total: EXACT_LIMIT,
    });
    expect(planAfterNewest(input(), noFloor, { rows: [], size: 0 })).toMatchObject({
      strategy: "fuzzy",
      similarTo: "zebra",
    });
  });

  it("with no floor and more than the exact limit: the window, with the rows read", () => {
    const window = rows(RANKED_WINDOW);
    const plan = expectStrategy(
      planAfterNewest(input(), { ...newest(), floor: 0 }, { rows: window, size: EXACT_LIMIT + 1 }),
      "window",
    );
    expect(plan.window).toBe(window);
    expect(plan.total).toBe(1_000); // the planner's estimate
  });

  it("above a floor: the window once it holds the window's worth, else the floor comes down", () => {
    const plan = newest();
    expect(planAfterNewest(input(), plan, { rows: rows(RANKED_WINDOW), size: RANKED_WINDOW }).strategy).toBe("window");
    const lower = expectStrategy(
      planAfterNewest(input(), plan, { rows: rows(RANKED_WINDOW - 1), size: RANKED_WINDOW - 1 }),
      "newest",
    );
    expect(lower).toMatchObject({ span: 4_800, floor: 95_200 });
    // Down until the span passes the newest id: then every match is read.
    let step: SearchPlan = plan;
    const small = input({ facts: facts({ estimated: 25_000, maxId: 20_000 }) });
    for (let i = 0; i < 5 && step.strategy === "newest" && step.floor > 0; i++)
      step = planAfterNewest(small, step, { rows: [], size: 0 });
    expect(step).toMatchObject({ strategy: "newest", floor: 0 });
  });
});

describe("the window", () => {
  const windowPlan = (requested: number, pageSize: number, estimated = 1_000) =>
    expectStrategy(
      planAfterExact(
        input({ facts: facts({ estimated }), filters: { hasCode: true }, page: { requested, pageSize } }),
        { size: EXACT_LIMIT + 1, rows: [], density: null },
      ),
      "window",
    );

  it("reports the estimate as the total, above the exact limit and at most the cap", () => {
    expect(windowPlan(1, 20, 50).total).toBe(EXACT_LIMIT + 1);
    expect(windowPlan(1, 20, 5_000).total).toBe(5_000);
    expect(windowPlan(1, 20, 2_000_000).total).toBe(TOTAL_CAP);
    expect(windowPlan(9_999, 20, 2_000_000).page).toMatchObject({ page: TOTAL_CAP / 20, pageCount: TOTAL_CAP / 20 });
  });

  it("splits a page between the ranked window and the older matches at the window's edge", () => {
    expect(windowPlan(1, 20)).toMatchObject({ ranked: { offset: 0, limit: 20 }, older: null });
    expect(windowPlan(10, 20)).toMatchObject({ ranked: { offset: 180, limit: 20 }, older: null });
    expect(windowPlan(11, 20)).toMatchObject({ ranked: null, older: { offset: 200, limit: 20 } });
    expect(windowPlan(7, 30)).toMatchObject({ ranked: { offset: 180, limit: 20 }, older: { offset: 200, limit: 10 } });
  });
});

describe("a query followed through its reads", () => {
  it("a common word whose newest papers hold it rarely: the floor comes down until the window is full", () => {
    const walrus = input({
      facts: facts({ tsquery: "'walrus'", lexemes: ["walrus"], papers: 14_000, maxId: 14_000, estimated: 2_500 }),
      shares: shares({ walrus: 0.18 }),
    });
    const steps: SearchPlan["strategy"][] = [];
    let plan = planSearch(walrus);
    steps.push(plan.strategy);
    plan = planAfterExact(walrus, { size: EXACT_LIMIT + 1, rows: [], density: 0.25 });
    steps.push(plan.strategy);
    plan = planAfterNewest(walrus, expectStrategy(plan, "newest"), { rows: rows(12), size: 12 });
    steps.push(plan.strategy);
    plan = planAfterNewest(walrus, expectStrategy(plan, "newest"), {
      rows: rows(RANKED_WINDOW),
      size: EXACT_LIMIT + 1,
    });
    steps.push(plan.strategy);
    expect(steps).toEqual(["exact", "newest", "newest", "window"]);
  });
});
