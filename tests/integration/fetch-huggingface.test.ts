// Fetching Hugging Face's daily papers through the real client against a local server that speaks the API:
// paging, politeness, revalidation, retries, and every bad answer recorded without touching the catalogue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HfClientSettings } from "../../lib/fetch/client";
import { FETCH_IMPORTED_BY, type DayOutcome } from "../../lib/fetch/import-day";
import { dayRange, fetchDays } from "../../lib/fetch/run";
import { fetchContext } from "../../lib/fetch/settings";
import { readFetchState } from "../../lib/fetch/state";
import { setUpTestDatabase } from "../support/database";
import {
  fixtureEntries,
  htmlPage,
  jsonBody,
  rateLimited,
  serverError,
  startFakeHf,
  type FakeHf,
  type HfScript,
} from "../support/fake-hf";
import { virtualClock } from "../support/virtual-clock";

const testDb = setUpTestDatabase();
const TOKEN = "hf_secret_token_never_logged";
const DAY_FIXTURE = fixtureEntries("hf-daily-papers-2025-05-02.json");
/** The fixture's entries that have a title and a summary (two are there to be skipped). */
const PAPERS = 6;
let hf: FakeHf;

beforeAll(async () => {
  process.env.SITE_URL = "https://papers.example.org";
  hf = await startFakeHf();
});
afterAll(async () => {
  await hf?.close();
});

/** One fetch run on a virtual clock; returns the outcomes and every wait the client asked for. */
async function fetchRun(
  days: string[],
  options: Partial<HfClientSettings> & { pageSize?: number; script?: HfScript } = {},
) {
  const { script, ...overrides } = options;
  hf.script(script);
  const { clock, waits } = virtualClock();
  const context = fetchContext({ HF_API_URL: hf.url, HF_TOKEN: TOKEN }, testDb.pool, "2025-05-10", {
    clock,
    random: () => 0,
    ...overrides,
  });
  const before = hf.requests.length;
  const run = await fetchDays(context, days);
  hf.script(undefined);
  if (run.busy) throw new Error("unexpectedly busy");
  return { outcomes: run.days, waits, requests: hf.requests.slice(before) };
}

async function one(
  day: string,
  options: Parameters<typeof fetchRun>[1] = {},
): Promise<DayOutcome & { waits: number[]; requests: typeof hf.requests }> {
  const { outcomes, waits, requests } = await fetchRun([day], options);
  return { ...outcomes[0]!, waits, requests };
}

/** The day's import history, found by the request it came from (a rejected answer has no digest date). */
async function runsFor(day: string) {
  const { rows } = await testDb.pool.query(
    `SELECT id, status::text AS status, imported_by, source_url, error FROM import_run WHERE source_url LIKE $1 ORDER BY id`,
    [`%date=${day}&%`],
  );
  return rows as { id: number; status: string; imported_by: string; source_url: string | null; error: string | null }[];
}

async function digestEntries(day: string): Promise<number> {
  const { rows } = await testDb.pool.query(
    `SELECT count(*)::int AS n FROM digest_entry JOIN digest d ON d.id = digest_id WHERE d.date = $1`,
    [day],
  );
  return rows[0].n;
}

describe("one day", () => {
  it("reads every page, imports the day once through the importer, and asks politely", async () => {
    hf.setDay("2025-05-01", DAY_FIXTURE);
    const outcome = await one("2025-05-01", { pageSize: 3 });
    expect(outcome).toMatchObject({
      day: "2025-05-01",
      result: "NEW",
      counts: { new: 6, updated: 0, unchanged: 0, skipped: 2 },
    });
    expect(outcome.requests.map((r) => r.query)).toEqual(
      [0, 1, 2].map((p) => ({ date: "2025-05-01", limit: "3", p: String(p) })),
    );
    for (const request of outcome.requests) {
      expect(request.headers["user-agent"]).toBe("PaperPulse/0.1.0 (+https://papers.example.org)");
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
    // One request a second: the first goes at once, each later one waits its second.
    expect(outcome.waits).toEqual([1000, 1000]);
    const runs = await runsFor("2025-05-01");
    expect(runs).toEqual([
      {
        id: outcome.importRunId,
        status: "IMPORTED",
        imported_by: FETCH_IMPORTED_BY,
        source_url: `${hf.url}/api/daily_papers?date=2025-05-01&limit=3&p=0`,
        error: null,
      },
    ]);
    expect(await digestEntries("2025-05-01")).toBe(PAPERS);
    // What the run reports and records never carries the token (only the server saw it).
    const { requests: _requests, waits: _waits, ...reported } = outcome;
    expect(JSON.stringify([reported, runs])).not.toContain(TOKEN);
  });

  it("a day unchanged since the last import costs one conditional request and records UNCHANGED", async () => {
    hf.setDay("2025-05-02", DAY_FIXTURE);
    expect((await one("2025-05-02")).result).toBe("NEW");
    const again = await one("2025-05-02");
    expect(again.result).toBe("UNCHANGED");
    expect(again.requests).toHaveLength(1);
    expect(again.requests[0]!.headers["if-none-match"]).toMatch(/^W\/"[0-9a-f]{16}"$/);
    expect(await runsFor("2025-05-02")).toHaveLength(1);
    expect(await readFetchState(testDb.pool, "2025-05-02")).toMatchObject({
      result: "UNCHANGED",
      message: "not modified since the last import",
    });
  });

  it("every page of a paged day is revalidated; all 304 is unchanged", async () => {
    const again = await one("2025-05-01", { pageSize: 3 });
    expect(again.result).toBe("UNCHANGED");
    expect(again.requests.map((r) => Boolean(r.headers["if-none-match"]))).toEqual([true, true, true]);
  });

  it("a server with Last-Modified only is revalidated with If-Modified-Since", async () => {
    hf.validation("last-modified");
    try {
      hf.setDay("2025-05-03", DAY_FIXTURE);
      expect((await one("2025-05-03")).result).toBe("NEW");
      const again = await one("2025-05-03");
      expect(again.requests[0]!.headers["if-modified-since"]).toBeTruthy();
      expect(again.result).toBe("UNCHANGED");
    } finally {
      hf.validation("etag");
    }
  });

  it("a server with no validators: the same answer again is unchanged and adds nothing to the history", async () => {
    hf.validation("none");
    try {
      hf.setDay("2025-05-04", DAY_FIXTURE);
      expect((await one("2025-05-04")).result).toBe("NEW");
      const again = await one("2025-05-04");
      expect(again).toMatchObject({ result: "UNCHANGED", message: "same answer as the last import" });
      expect(await runsFor("2025-05-04")).toHaveLength(1);
    } finally {
      hf.validation("etag");
    }
  });

  it("changed upvotes update upstream_upvotes without a new digest entry", async () => {
    const entries = structuredClone(DAY_FIXTURE) as { paper: { id: string; upvotes: number } }[];
    entries[0]!.paper.upvotes = 420;
    hf.setDay("2025-05-02", entries);
    const outcome = await one("2025-05-02");
    expect(outcome.result).toBe("UPDATED");
    expect(outcome.entriesAdded).toBe(0);
    const { rows } = await testDb.pool.query(`SELECT upstream_upvotes FROM paper WHERE arxiv_id = $1`, [
      entries[0]!.paper.id,
    ]);
    expect(rows[0].upstream_upvotes).toBe(420);
    expect(await digestEntries("2025-05-02")).toBe(PAPERS);
  });
});

describe("a range", () => {
  it("goes on past a failed day and reports each day", async () => {
    for (const day of ["2025-06-01", "2025-06-03"]) hf.setDay(day, DAY_FIXTURE);
    const { outcomes } = await fetchRun(dayRange("2025-06-01", "2025-06-03"));
    expect(outcomes.map((o) => [o.day, o.result])).toEqual([
      ["2025-06-01", "NEW"],
      ["2025-06-02", "FAILED"],
      ["2025-06-03", "NEW"],
    ]);
    expect(outcomes[1]!.message).toBe("HTTP 404 Not Found: no daily papers for this day (yet)");
  });
});

describe("retries", () => {
  it("429 waits as long as Retry-After says, then succeeds", async () => {
    hf.setDay("2025-06-10", DAY_FIXTURE);
    let n = 0;
    const outcome = await one("2025-06-10", { script: () => (n++ === 0 ? rateLimited("7") : undefined) });
    expect(outcome.result).toBe("NEW");
    expect(outcome.waits).toEqual([7000]);
  });

  it("a Retry-After longer than the client will wait fails the day; the next run tries again", async () => {
    hf.setDay("2025-06-11", DAY_FIXTURE);
    const outcome = await one("2025-06-11", { script: () => rateLimited("3600") });
    expect(outcome).toMatchObject({
      result: "FAILED",
      message: "HTTP 429 Too Many Requests; asked to wait 3600 s, the next run tries again",
    });
    expect((await one("2025-06-11")).result).toBe("NEW");
  });

  it("5xx is retried with growing backoff, then succeeds", async () => {
    hf.setDay("2025-06-12", DAY_FIXTURE);
    let n = 0;
    const outcome = await one("2025-06-12", {
      baseDelayMs: 2000,
      script: () => (n++ < 2 ? serverError(502) : undefined),
    });
    expect(outcome.result).toBe("NEW");
    expect(outcome.waits).toEqual([1000, 2000]);
    expect(outcome.requests).toHaveLength(3);
  });

  it("5xx on every attempt gives up after the configured attempts", async () => {
    hf.setDay("2025-06-13", DAY_FIXTURE);
    const outcome = await one("2025-06-13", { attempts: 3, script: () => serverError(503) });
    expect(outcome).toMatchObject({
      result: "FAILED",
      message: "HTTP 503 Service Unavailable (gave up after 3 attempts)",
    });
    expect(outcome.requests).toHaveLength(3);
  });
});

const BAD_ANSWERS: { name: string; script: HfScript; message: RegExp | string }[] = [
  { name: "an HTML error page instead of JSON", script: () => htmlPage(), message: /looks like a web page \(HTML\)/ },
  {
    name: "JSON of another shape",
    script: () => jsonBody({ error: "Invalid date" }),
    message: /expected a JSON array of daily-paper entries.*got an object/,
  },
  {
    name: "JSON entries of another shape",
    script: () => jsonBody(fixtureEntries("hf-daily-papers-wrong-shape-title-type.json")),
    message: /must be a string/,
  },
  { name: "an empty day", script: () => jsonBody([]), message: "no papers found: the JSON array is empty" },
  {
    name: "a truncated body",
    script: () => ({ kind: "truncate" }),
    message: /reset before the answer was complete \(gave up after 2 attempts\)/,
  },
  {
    name: "a connection reset",
    script: () => ({ kind: "reset" }),
    message: /reset before the answer was complete \(gave up after 2 attempts\)/,
  },
  {
    name: "a 404 for a day with no papers",
    script: () => jsonBody({ error: "Not Found" }, 404),
    message: "HTTP 404 Not Found: no daily papers for this day (yet)",
  },
  {
    name: "a redirect to another host",
    script: () => ({ kind: "redirect", location: "https://mirror.example.net/api/daily_papers" }),
    message: /^redirected to another host \(mirror\.example\.net\); refused/,
  },
  {
    name: "a declared body over the size cap",
    script: () => ({ kind: "huge", bytes: 2_000_000 }),
    message: "the answer is 1.9 MB, over the 1.0 MB cap; nothing was read",
  },
  {
    name: "a streamed body over the size cap",
    script: () => ({ kind: "huge", bytes: 2_000_000, chunked: true }),
    message: "the answer grew past the 1.0 MB cap; reading stopped",
  },
];

describe("bad answers", () => {
  BAD_ANSWERS.forEach(({ name, script, message }, index) => {
    it(`${name}: a clear line and history entry, nothing written, the next run tries again`, async () => {
      const day = `2025-07-${String(index + 1).padStart(2, "0")}`;
      hf.setDay(day, DAY_FIXTURE);
      const outcome = await one(day, { script, attempts: 2, maxBodyBytes: 1024 * 1024 });
      expect(outcome.result).toBe("FAILED");
      expect(outcome.message).toMatch(
        message instanceof RegExp ? message : new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
      );
      expect(await runsFor(day)).toEqual([
        {
          id: outcome.importRunId,
          status: "REJECTED",
          imported_by: FETCH_IMPORTED_BY,
          source_url: `${hf.url}/api/daily_papers?date=${day}&limit=100&p=0`,
          error: outcome.message,
        },
      ]);
      expect(await digestEntries(day)).toBe(0);
      expect(await readFetchState(testDb.pool, day)).toMatchObject({
        result: "FAILED",
        message: outcome.message,
        validators: [],
      });

      const retry = await one(day);
      expect(retry.result).toBe("NEW");
      expect(retry.requests[0]!.headers["if-none-match"]).toBeUndefined();
      expect(await digestEntries(day)).toBe(PAPERS);
    });
  });

  it("a redirect on the same host is followed", async () => {
    hf.setDay("2025-07-20", DAY_FIXTURE);
    let n = 0;
    const outcome = await one("2025-07-20", {
      script: (r) =>
        n++ === 0
          ? { kind: "redirect", location: `/api/daily_papers?date=2025-07-20&limit=100&p=${r.query.p}` }
          : undefined,
    });
    expect(outcome.result).toBe("NEW");
  });
});
