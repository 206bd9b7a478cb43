// npm run bench:http -- [--database-url URL | --database NAME] [--duration 20] [--connections 50] [--warmup 3] [--rounds 1] [--workers 1]
//   [--mix-connections 20] [--mix-duration 20] [--votes-per-second 10] [--skip cache-off,signed-in,votes]
// Serves the production build (scripts/serve.ts, built first when stale) against a catalogue, then loads
// each page with autocannon side by side with a static file from the same server: once as deployed
// (page cache on), anonymous and signed in (a real account and database session, sent as Auth.js's
// cookie) with the personal-state call, and once with the cache off (every request rendered). Then, as
// deployed, readers cycle through 100+ distinct public pages without and with a signed-in reader voting
// (--votes-per-second) through the route the Upvote button calls: req/s, page-cache hit rate, p99.
// Requests carry a browser's Accept-Encoding, so pages travel compressed as they do to readers. Prints
// figures and ratios from the same run, asserts nothing. Catalogue: --database-url, or --database (a
// database on the DATABASE_URL / embedded server: `--database paperpulse` is the app's own), else
// `pp_bench_search` (bench:search's million papers) on the DATABASE_URL / embedded server when it
// exists, else the app's own database. The bench's account is deleted at the end, its votes undone.
import autocannon from "autocannon";
import type { ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { mixPages, readMix, startVoting, visitEach, type MixFigures, type VoteFigures } from "../../lib/bench/page-mix";
import { createSignedInReader, type SignedInReader } from "../../lib/bench/signed-in-reader";
import { median } from "../../lib/bench/stats";
import { BASELINE_PATH, startServer as startBenchServer, stopServer, waitForServer } from "../../lib/bench/web-server";
import { buildIfNeeded } from "../../lib/cli/build-if-needed";
import { freePort } from "../../lib/cli/free-port";
import { localToday } from "../../lib/cli/today";
import { openDatabase } from "../../lib/db/database-url";
import { migrate } from "../../lib/db/migrate";
import { withDatabase } from "../../lib/db/with-database";
import { seedIfEmpty } from "../../lib/ingest/seed";

const SEARCH_BENCH_DATABASE = "pp_bench_search";
/** What the issue asks of every page, on this 2-core class of machine. */
const TARGET = { reqPerSec: 300, p99Ms: 200 };
/** Issue 14: signed-in pages beside anonymous ones, the personal-state call, and the cache under votes. */
const SIGNED_IN_TARGET = { shareOfAnonymous: 0.5, p99Ms: 100 };
const STATE_TARGET = { reqPerSec: 2_000, p99Ms: 50 };
const VOTES_TARGET = { shareOfQuiet: 0.7, hitRate: 0.9 };
const MIX_MIN_PAGES = 100;
const SKIPPABLE = ["cache-off", "signed-in", "votes"] as const;
/**
 * A target whose single request takes longer than this is reported, not loaded: 50 connections would
 * only queue behind it, and the backlog would skew every later target (a page rendering a
 * 100,000-paper digest took the server to 5 GB and never drained).
 */
const SLOW_REQUEST_MS = 2_000;
const PROBE_TIMEOUT_MS = 30_000;
const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    database: { type: "string" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "50" },
    warmup: { type: "string", default: "3" },
    rounds: { type: "string", default: "1" },
    workers: { type: "string", default: "1" },
    "mix-connections": { type: "string", default: "20" },
    "mix-duration": { type: "string" },
    "votes-per-second": { type: "string", default: "10" },
    skip: { type: "string", default: "" },
  },
});

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number >= 1 (got "${value}")`);
    process.exit(2);
  }
  return n;
}
const duration = positiveInt("duration", values.duration);
const connections = positiveInt("connections", values.connections);
const warmup = positiveInt("warmup", values.warmup);
const rounds = positiveInt("rounds", values.rounds);
const workers = positiveInt("workers", values.workers);
const mixConnections = positiveInt("mix-connections", values["mix-connections"]);
const mixDuration = positiveInt("mix-duration", values["mix-duration"] ?? values.duration);
const votesPerSecond = positiveInt("votes-per-second", values["votes-per-second"]);
const skip = new Set(values.skip.split(",").filter(Boolean));
for (const name of skip) {
  if (!(SKIPPABLE as readonly string[]).includes(name)) {
    console.error(`--skip takes a comma-separated list of ${SKIPPABLE.join(", ")} (got "${name}")`);
    process.exit(2);
  }
}

const root = process.cwd();
const log = (message: string) => console.error(`[bench:http] ${message}`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The catalogue to serve, and how to let go of the server afterwards. */
async function chooseCatalogue(): Promise<{ url: string; label: string; release(): Promise<void> }> {
  const explicit = values["database-url"];
  if (explicit) {
    await migrate(explicit);
    return {
      url: explicit,
      label: `--database-url (${new URL(explicit).pathname.slice(1)})`,
      release: async () => undefined,
    };
  }
  const database = await openDatabase(log);
  const named = values.database;
  if (named) {
    const [exists] = await query(database.url, "SELECT 1 FROM pg_database WHERE datname = $1", [named]);
    if (!exists) {
      await database.release();
      throw new Error(`--database ${named}: no such database on the ${database.kind} server`);
    }
    const url = withDatabase(database.url, named);
    await migrate(url);
    return { url, label: `${named} (${database.kind} server)`, release: () => database.release() };
  }
  const [bench] = await query(database.url, "SELECT 1 FROM pg_database WHERE datname = $1", [SEARCH_BENCH_DATABASE]);
  if (bench) {
    const url = withDatabase(database.url, SEARCH_BENCH_DATABASE);
    await migrate(url);
    return { url, label: `${SEARCH_BENCH_DATABASE} (${database.kind} server)`, release: () => database.release() };
  }
  await migrate(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const seeded = await seedIfEmpty(pool, localToday()).finally(() => pool.end());
  if (seeded) log(`Empty catalogue: imported the sample digest (${seeded.counts.new} papers).`);
  return {
    url: database.url,
    label: `the app database (${database.kind} server; no ${SEARCH_BENCH_DATABASE} found)`,
    release: () => database.release(),
  };
}

/** What a browser sends: without it every page travels uncompressed (the home page is 5x larger). */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br" };

type Pass = { label: string; env: Record<string, string>; deployed: boolean };
const PASSES: Pass[] = [
  { label: "page cache on (as deployed)", env: {}, deployed: true },
  ...(skip.has("cache-off")
    ? []
    : [
        {
          label: "page cache off (PAGE_CACHE_SECONDS=0: every request rendered)",
          env: { PAGE_CACHE_SECONDS: "0" },
          deployed: false,
        },
      ]),
];

function startServer(databaseUrl: string, port: number, pass: Pass): { child: ChildProcess; output: () => string } {
  return startBenchServer({ root, databaseUrl, port, workers, env: pass.env });
}

/**
 * `page`: held to the page targets. `signedIn`: sent with the bench reader's session cookie; `pairsWith`
 * names the anonymous target it is compared with. `optional`: a 404 means the route is not there (yet).
 */
type Target = { name: string; path: string; page: boolean; signedIn?: boolean; pairsWith?: string; optional?: boolean };
type Figures = {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  /** x-page-cache of one request right after the run (HIT, MISS, BYPASS...). */
  cache: string;
};

/** The fields of autocannon's result this report reads. */
type CannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
};

let reader: SignedInReader | undefined;

function headersFor(target: Target): Record<string, string> {
  if (!target.signedIn) return BROWSER_HEADERS;
  if (!reader) throw new Error("a signed-in target without the bench's reader");
  return { ...BROWSER_HEADERS, cookie: reader.cookie };
}

async function load(url: string, seconds: number, headers: Record<string, string>): Promise<Omit<Figures, "cache">> {
  const result: CannonResult = await autocannon({
    url,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    headers,
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** One request, timed; a hung server becomes an error after PROBE_TIMEOUT_MS instead of hanging the bench. */
async function probe(
  url: string,
  headers: Record<string, string> = BROWSER_HEADERS,
): Promise<{ status: number; ms: number; cache: string } | { error: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), headers });
    await response.arrayBuffer();
    return {
      status: response.status,
      ms: performance.now() - started,
      cache: response.headers.get("x-page-cache") ?? "-",
    };
  } catch (error) {
    return {
      error:
        (error as Error).name === "TimeoutError"
          ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s`
          : (error as Error).message,
    };
  }
}

/** Waits until the static file answers quickly again, so one target's backlog does not bill the next. */
async function settle(base: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await probe(`${base}${BASELINE_PATH}`);
    if ("ms" in result && result.ms < 100) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(`the server was still busy ${timeoutMs / 1000} s after the last target`);
}

/** A slug from the catalogue, through the JSON API (it also proves the API answers). */
async function pickSlug(base: string): Promise<string | null> {
  const response = await fetch(`${base}/api/papers?pageSize=1`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  if (!response.ok) {
    log(`/api/papers answered ${response.status}: no paper page to load`);
    return null;
  }
  const body = (await response.json()) as { papers: { slug: string }[] };
  return body.papers[0]?.slug ?? null;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** Loads every target `rounds` times, interleaved so the baseline and the pages share the machine's noise. */
async function loadTargets(
  pass: Pass,
  targets: Target[],
  skipped: Map<string, string>,
  base: string,
): Promise<Map<string, Figures[]>> {
  const runs = new Map<string, Figures[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      if (skipped.has(target.name)) continue;
      const url = `${base}${target.path}`;
      const headers = headersFor(target);
      let single = await probe(url, headers);
      // The first request of a route also loads its code: a slow one gets a second chance.
      if ("ms" in single && single.ms > SLOW_REQUEST_MS) single = await probe(url, headers);
      if ("status" in single && single.status === 404 && target.optional) {
        skipped.set(target.name, `${target.path.split("?")[0]} answered 404 (not in this build)`);
        log(`${target.name}: not loaded (404)`);
        continue;
      }
      if ("error" in single || single.ms > SLOW_REQUEST_MS) {
        const reason = "error" in single ? single.error : `one request took ${fmt(single.ms / 1000, 1)} s`;
        skipped.set(target.name, reason);
        log(`${target.name}: not loaded (${reason})`);
        if ("error" in single) {
          // The server is still working on the abandoned request: a fresh one keeps it off the next target.
          const port = Number(new URL(base).port);
          await stopServer(server!.child);
          server = startServer(catalogue.url, port, pass);
          await waitForServer({ ...server, base });
        } else {
          await settle(base);
        }
        continue;
      }
      if (single.status < 200 || single.status > 299) log(`${target.path} answered ${single.status} before the run`);
      await load(url, warmup, headers);
      const loaded = await load(url, duration, headers);
      const after = await probe(url, headers);
      const figures = { ...loaded, cache: "cache" in after ? after.cache : "-" };
      runs.get(target.name)!.push(figures);
      log(`${pass.label}: ${target.name}: ${fmt(figures.reqPerSec)} req/s, p99 ${fmt(figures.p99)} ms`);
      await settle(base);
    }
  }
  return runs;
}

const STATIC_NAME = "static file (baseline)";

function summarize(runs: Map<string, Figures[]>, name: string): Figures | null {
  const all = runs.get(name) ?? [];
  if (!all.length) return null;
  return {
    reqPerSec: median(all.map((f) => f.reqPerSec)),
    p50: median(all.map((f) => f.p50)),
    p99: median(all.map((f) => f.p99)),
    errors: all.reduce((sum, f) => sum + f.errors, 0),
    non2xx: all.reduce((sum, f) => sum + f.non2xx, 0),
    total: all.reduce((sum, f) => sum + f.total, 0),
    cache: all.at(-1)!.cache,
  };
}

function printTable(pass: Pass, targets: Target[], runs: Map<string, Figures[]>, skipped: Map<string, string>): void {
  console.log(`\n## ${pass.label}`);
  const baseline = summarize(runs, STATIC_NAME);
  console.log(
    `${pad("target", 30)}${pad("req/s", 9, true)}${pad("p50 ms", 9, true)}${pad("p99 ms", 9, true)}${pad("errors", 8, true)}` +
      `${pad("non-2xx", 9, true)}${pad("requests", 10, true)}${pad("vs static", 11, true)}${pad("cache", 8, true)}  verdict`,
  );
  for (const target of targets) {
    const f = summarize(runs, target.name);
    if (!f) {
      console.log(
        `${pad(target.name, 30)}  not loaded: ${skipped.get(target.name) ?? "no run"}${target.page ? "  BELOW target" : ""}`,
      );
      continue;
    }
    const meets = f.reqPerSec >= TARGET.reqPerSec && f.p99 < TARGET.p99Ms && f.errors === 0 && f.non2xx === 0;
    const verdict = target.page
      ? meets
        ? "meets target"
        : "BELOW target"
      : target.name === STATIC_NAME
        ? "baseline"
        : "";
    const ratio = baseline ? `${fmt(f.reqPerSec / baseline.reqPerSec, 2)}x` : "-";
    console.log(
      `${pad(target.name, 30)}${pad(fmt(f.reqPerSec), 9, true)}${pad(fmt(f.p50), 9, true)}${pad(fmt(f.p99), 9, true)}` +
        `${pad(fmt(f.errors), 8, true)}${pad(fmt(f.non2xx), 9, true)}${pad(fmt(f.total), 10, true)}${pad(ratio, 11, true)}` +
        `${pad(f.cache, 8, true)}  ${verdict}`,
    );
  }
}

const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

/** Each signed-in target beside its anonymous twin from the same run, and the personal-state call. */
function printSignedIn(targets: Target[], runs: Map<string, Figures[]>, skipped: Map<string, string>): void {
  console.log(`\n## signed-in readers beside anonymous ones (page cache on, ${connections} connections)`);
  console.log(
    `targets: signed-in req/s >= ${SIGNED_IN_TARGET.shareOfAnonymous * 100}% of anonymous and p99 < ${SIGNED_IN_TARGET.p99Ms} ms; ` +
      `personal state >= ${fmt(STATE_TARGET.reqPerSec)} req/s and p99 < ${STATE_TARGET.p99Ms} ms`,
  );
  console.log(
    `${pad("page", 14)}${pad("anon req/s", 12, true)}${pad("p50", 7, true)}${pad("p99", 7, true)}` +
      `${pad("signed-in req/s", 17, true)}${pad("p50", 7, true)}${pad("p99", 7, true)}${pad("cache", 8, true)}` +
      `${pad("ratio", 8, true)}  verdict`,
  );
  for (const target of targets.filter((t) => t.signedIn)) {
    const mine = summarize(runs, target.name);
    const label = target.name.replace(/^signed in: /, "");
    if (!mine) {
      console.log(`${pad(label, 14)}  not loaded: ${skipped.get(target.name) ?? "no run"}  MISS`);
      continue;
    }
    const clean = mine.errors === 0 && mine.non2xx === 0;
    if (!target.pairsWith) {
      const ok = clean && mine.reqPerSec >= STATE_TARGET.reqPerSec && mine.p99 < STATE_TARGET.p99Ms;
      console.log(
        `${pad(label, 14)}${pad("-", 12, true)}${pad("", 14)}${pad(fmt(mine.reqPerSec), 17, true)}${pad(fmt(mine.p50), 7, true)}` +
          `${pad(fmt(mine.p99), 7, true)}${pad(mine.cache, 8, true)}${pad("-", 8, true)}  ${verdict(ok)}` +
          (clean ? "" : ` (${mine.errors} errors, ${mine.non2xx} non-2xx)`),
      );
      continue;
    }
    const anonymous = summarize(runs, target.pairsWith);
    const ratio = anonymous ? mine.reqPerSec / anonymous.reqPerSec : NaN;
    const ok = clean && ratio >= SIGNED_IN_TARGET.shareOfAnonymous && mine.p99 < SIGNED_IN_TARGET.p99Ms;
    console.log(
      `${pad(label, 14)}${pad(anonymous ? fmt(anonymous.reqPerSec) : "-", 12, true)}` +
        `${pad(anonymous ? fmt(anonymous.p50) : "-", 7, true)}${pad(anonymous ? fmt(anonymous.p99) : "-", 7, true)}` +
        `${pad(fmt(mine.reqPerSec), 17, true)}${pad(fmt(mine.p50), 7, true)}${pad(fmt(mine.p99), 7, true)}` +
        `${pad(mine.cache, 8, true)}${pad(Number.isNaN(ratio) ? "-" : `${fmt(ratio * 100)}%`, 8, true)}  ${verdict(ok)}` +
        (clean ? "" : ` (${mine.errors} errors, ${mine.non2xx} non-2xx)`),
    );
  }
}

/** Medians of each figure over rounds; counts summed. */
function medianMix(all: MixFigures[]): MixFigures {
  const cache: Record<string, number> = {};
  for (const f of all) for (const [name, n] of Object.entries(f.cache)) cache[name] = (cache[name] ?? 0) + n;
  return {
    requests: all.reduce((sum, f) => sum + f.requests, 0),
    reqPerSec: median(all.map((f) => f.reqPerSec)),
    p50: median(all.map((f) => f.p50)),
    p99: median(all.map((f) => f.p99)),
    hitRate: median(all.map((f) => f.hitRate)),
    cache,
    non2xx: all.reduce((sum, f) => sum + f.non2xx, 0),
    errors: all.reduce((sum, f) => sum + f.errors, 0),
  };
}

function mixLine(label: string, f: MixFigures): string {
  const others = Object.entries(f.cache)
    .filter(([name]) => name !== "HIT")
    .map(([name, count]) => `${name} ${fmt(count)}`)
    .join(", ");
  return (
    `${pad(label, 26)}${pad(fmt(f.reqPerSec), 9, true)}${pad(fmt(f.p50, 1), 9, true)}${pad(fmt(f.p99, 1), 9, true)}` +
    `${pad(`${fmt(f.hitRate * 100, 1)}%`, 9, true)}${pad(fmt(f.requests), 10, true)}${pad(fmt(f.non2xx + f.errors), 8, true)}` +
    `  ${others || "-"}`
  );
}

/**
 * Readers over many pages, quiet and then while a signed-in reader votes; before each, every page is
 * visited once and the mix read for the warm-up time, so both phases start from a warm cache.
 */
async function runVotes(base: string, databaseUrl: string): Promise<void> {
  const pages = await mixPages(databaseUrl, MIX_MIN_PAGES);
  const slugs = pages.filter((page) => page.kind === "paper").map((page) => decodeURIComponent(page.path.slice(8)));
  const byKind = new Map<string, number>();
  for (const page of pages) byKind.set(page.kind, (byKind.get(page.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ");
  log(`votes: ${pages.length} pages (${kinds})`);
  const read = (seconds: number) => readMix({ base, pages, connections: mixConnections, seconds });
  const quietRuns: MixFigures[] = [];
  const votingRuns: MixFigures[] = [];
  const voteRuns: VoteFigures[] = [];
  // Quiet and voting phases alternate, `rounds` times, so both share the machine's noise.
  for (let round = 0; round < rounds; round++) {
    await visitEach(base, pages);
    await read(warmup);
    quietRuns.push(await read(mixDuration));
    log(
      `votes: without votes ${fmt(quietRuns.at(-1)!.reqPerSec)} req/s, ${fmt(quietRuns.at(-1)!.hitRate * 100)}% hits`,
    );
    await settle(base);
    await visitEach(base, pages);
    await read(warmup);
    const voter = startVoting({ base, cookie: reader!.cookie, slugs, perSecond: votesPerSecond });
    try {
      votingRuns.push(await read(mixDuration));
    } finally {
      voteRuns.push(await voter.stop());
    }
    log(`votes: with votes ${fmt(votingRuns.at(-1)!.reqPerSec)} req/s, ${fmt(votingRuns.at(-1)!.hitRate * 100)}% hits`);
    await settle(base);
  }
  const quiet = medianMix(quietRuns);
  const voting = medianMix(votingRuns);
  const votes: VoteFigures = {
    sent: voteRuns.reduce((sum, v) => sum + v.sent, 0),
    ok: voteRuns.reduce((sum, v) => sum + v.ok, 0),
    failed: voteRuns.reduce((sum, v) => sum + v.failed, 0),
    lastError: voteRuns.findLast((v) => v.lastError)?.lastError ?? null,
    p50: median(voteRuns.map((v) => v.p50)),
  };

  console.log(
    `\n## under votes (page cache on): ${mixConnections} readers over ${pages.length} distinct pages (${kinds}), ` +
      `${mixDuration} s each after ${warmup} s warm-up, median of ${rounds} round(s)`,
  );
  console.log(
    `targets: with votes >= ${VOTES_TARGET.shareOfQuiet * 100}% of the req/s without, hit rate >= ${VOTES_TARGET.hitRate * 100}%`,
  );
  console.log(
    `${pad("phase", 26)}${pad("req/s", 9, true)}${pad("p50 ms", 9, true)}${pad("p99 ms", 9, true)}${pad("hits", 9, true)}` +
      `${pad("requests", 10, true)}${pad("failed", 8, true)}  other x-page-cache answers`,
  );
  console.log(mixLine("without votes", quiet));
  console.log(mixLine(`${votesPerSecond} votes/s (signed in)`, voting));
  const ratio = voting.reqPerSec / quiet.reqPerSec;
  const ok = ratio >= VOTES_TARGET.shareOfQuiet && voting.hitRate >= VOTES_TARGET.hitRate;
  console.log(
    `with votes / without: ${fmt(ratio * 100)}% of the req/s, hit rate ${fmt(voting.hitRate * 100, 1)}%: ${verdict(ok)}`,
  );
  console.log(
    `votes: ${fmt(votes.sent)} sent over POST /api/papers/:slug/reactions (${fmt(votes.sent / (mixDuration * rounds), 1)}/s), ` +
      `${fmt(votes.ok)} answered 2xx, ${fmt(votes.failed)} failed, p50 ${fmt(votes.p50)} ms` +
      (votes.lastError ? `; last failure: ${votes.lastError}` : ""),
  );
}

/** The ids of the papers the home page shows first (its first page of the latest digest), for the state call. */
async function homePaperIds(url: string): Promise<number[]> {
  const rows = await query<{ id: number }>(
    url,
    `SELECT e.paper_id AS id FROM digest_entry e
     WHERE e.digest_id = (SELECT id FROM digest ORDER BY date DESC LIMIT 1)
     ORDER BY e.position, e.paper_id LIMIT 100`,
  );
  return rows.map((row) => row.id);
}

const catalogue = await chooseCatalogue();
let server: { child: ChildProcess; output: () => string } | undefined;
let exitCode = 0;
const cleanup = async () => {
  if (server) await stopServer(server.child);
  if (reader)
    await reader.remove().catch((error: Error) => log(`could not delete the bench's account: ${error.message}`));
  await catalogue.release();
};
process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));

try {
  const [count] = await query<{ papers: string }>(catalogue.url, "SELECT count(*)::text AS papers FROM paper");
  const papers = count?.papers ?? "0";
  const [latest] = await query<{ entries: string }>(
    catalogue.url,
    "SELECT count(*)::text AS entries FROM digest_entry e JOIN digest d ON d.id = e.digest_id WHERE d.date = (SELECT max(date) FROM digest)",
  );
  const latestDigestSize = Number(latest?.entries ?? 0);
  buildIfNeeded(root, log);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  if (!skip.has("signed-in") || !skip.has("votes")) reader = await createSignedInReader(catalogue.url);
  const stateIds = await homePaperIds(catalogue.url);

  console.log(`# bench:http — ${os.cpus().length} cores, Node ${process.versions.node}, scripts/serve.ts on :${port}`);
  console.log(
    `catalogue: ${catalogue.label}, ${fmt(Number(papers))} papers, latest digest ${fmt(latestDigestSize)} papers`,
  );
  console.log(
    `load: autocannon, ${connections} connections, ${duration} s per target after ${warmup} s warm-up, ${rounds} round(s), ` +
      `${workers} web worker process(es), Accept-Encoding "${BROWSER_HEADERS["accept-encoding"]}"`,
  );
  console.log(`targets for pages: >= ${TARGET.reqPerSec} req/s, p99 < ${TARGET.p99Ms} ms, no errors`);
  if (reader) console.log(`signed in: account ${reader.userId} with a live database session (Auth.js cookie)`);

  let slug: string | null = null;
  for (const pass of PASSES) {
    server = startServer(catalogue.url, port, pass);
    await waitForServer({ ...server, base });
    slug ??= await pickSlug(base);
    const pages: Target[] = [
      { name: "home /", path: "/", page: true },
      ...(slug ? [{ name: "paper page", path: `/papers/${slug}`, page: true }] : []),
      { name: "search page", path: "/search?q=video+benchmark", page: true },
    ];
    const signedIn: Target[] =
      pass.deployed && reader && !skip.has("signed-in")
        ? [
            ...pages.map((target) => ({
              ...target,
              name: `signed in: ${target.name}`,
              signedIn: true,
              pairsWith: target.name,
            })),
            {
              name: "signed in: personal state",
              path: `/api/me/state?papers=${stateIds.join(",")}`,
              page: false,
              signedIn: true,
              optional: true,
            },
          ]
        : [];
    const targets: Target[] = [
      { name: STATIC_NAME, path: BASELINE_PATH, page: false },
      ...pages,
      ...signedIn,
      { name: "JSON search API", path: "/api/papers?q=video+benchmark", page: false },
      ...(pass.deployed
        ? [{ name: "counts API", path: `/api/papers/counts?ids=${stateIds.join(",")}`, page: false, optional: true }]
        : []),
      { name: "RSS /feed.xml", path: "/feed.xml", page: false },
    ];
    const skipped = new Map<string, string>();
    const runs = await loadTargets(pass, targets, skipped, base);
    printTable(pass, targets, runs, skipped);
    if (signedIn.length) printSignedIn(targets, runs, skipped);
    if (pass.deployed && reader && !skip.has("votes")) {
      await settle(base);
      await runVotes(base, catalogue.url);
    }
    await stopServer(server.child);
    server = undefined;
  }
  console.log(
    `\nslug: ${slug ?? "(none: empty catalogue)"}; personal state asked for ${stateIds.length} paper ids (the home page's first page); ` +
      `the load generators share the ${os.cpus().length} cores with the server and PostgreSQL.`,
  );
} catch (error) {
  console.error(`[bench:http] failed: ${(error as Error).message}`);
  if (server) console.error(server.output());
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
