// npm run bench:http -- [--database-url URL] [--duration 20] [--connections 50] [--warmup 3] [--rounds 1] [--workers 1]
// Serves the production build (scripts/serve.ts, built first when stale) against a catalogue, then loads
// each page with autocannon side by side with a static file from the same server: once as deployed
// (anonymous page cache on) and once with the cache off (every request rendered). Requests carry a
// browser's Accept-Encoding, so pages travel compressed as they do to readers. Prints figures,
// asserts nothing. Catalogue: --database-url, else `pp_bench_search` (bench:search's million papers)
// on the DATABASE_URL / embedded server when it exists, else the app's own database.
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { median } from "../../lib/bench/stats";
import { buildIfNeeded } from "../../lib/cli/build-if-needed";
import { freePort } from "../../lib/cli/free-port";
import { localToday } from "../../lib/cli/today";
import { openDatabase } from "../../lib/db/database-url";
import { migrate } from "../../lib/db/migrate";
import { withDatabase } from "../../lib/db/with-database";
import { seedIfEmpty } from "../../lib/ingest/seed";

const SEARCH_BENCH_DATABASE = "pp_bench_search";
const BASELINE_PATH = "/bench-baseline.txt";
/** What the issue asks of every page, on this 2-core class of machine. */
const TARGET = { reqPerSec: 300, p99Ms: 200 };
/**
 * A target whose single request takes longer than this is reported, not loaded: 50 connections would
 * only queue behind it, and the backlog would skew every later target (a page rendering a
 * 100,000-paper digest took the server to 5 GB and never drained).
 */
const SLOW_REQUEST_MS = 2_000;
const PROBE_TIMEOUT_MS = 30_000;
/**
 * The home page renders every paper of the latest digest. A synthetic catalogue imported as one huge
 * digest would have it render them all: not loaded above this size, to keep the machine's memory.
 */
const MAX_HOME_DIGEST = 5_000;

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "50" },
    warmup: { type: "string", default: "3" },
    rounds: { type: "string", default: "1" },
    workers: { type: "string", default: "1" },
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

type Pass = { label: string; env: Record<string, string> };
const PASSES: Pass[] = [
  { label: "page cache on (as deployed)", env: {} },
  { label: "page cache off (PAGE_CACHE_SECONDS=0: every request rendered)", env: { PAGE_CACHE_SECONDS: "0" } },
];

function startServer(databaseUrl: string, port: number, pass: Pass): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", `${root}/scripts/serve.ts`, "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        NODE_ENV: "production",
        WEB_CONCURRENCY: String(workers),
        ...pass.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, output: () => output };
}

async function waitForServer(base: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${base}${BASELINE_PATH}`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer ${BASELINE_PATH} within ${timeoutMs / 1000} s`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

type Target = { name: string; path: string; page: boolean };
type Figures = { reqPerSec: number; p50: number; p99: number; errors: number; non2xx: number; total: number };

/** The fields of autocannon's result this report reads. */
type CannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
};

async function load(url: string, seconds: number): Promise<Figures> {
  const result: CannonResult = await autocannon({
    url,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    headers: BROWSER_HEADERS,
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
async function probe(url: string): Promise<{ status: number; ms: number } | { error: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), headers: BROWSER_HEADERS });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
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
  const runs = new Map<string, Figures[]>(targets.map((target) => [target.path, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      if (skipped.has(target.path)) continue;
      const url = `${base}${target.path}`;
      let single = await probe(url);
      // The first request of a route also loads its code: a slow one gets a second chance.
      if ("ms" in single && single.ms > SLOW_REQUEST_MS) single = await probe(url);
      if ("error" in single || single.ms > SLOW_REQUEST_MS) {
        const reason = "error" in single ? single.error : `one request took ${fmt(single.ms / 1000, 1)} s`;
        skipped.set(target.path, reason);
        log(`${target.name}: not loaded (${reason})`);
        if ("error" in single) {
          // The server is still working on the abandoned request: a fresh one keeps it off the next target.
          const port = Number(new URL(base).port);
          await stopServer(server!.child);
          server = startServer(catalogue.url, port, pass);
          await waitForServer(base, server.child);
        } else {
          await settle(base);
        }
        continue;
      }
      if (single.status < 200 || single.status > 299) log(`${target.path} answered ${single.status} before the run`);
      await load(url, warmup);
      const figures = await load(url, duration);
      runs.get(target.path)!.push(figures);
      log(`${pass.label}: ${target.name}: ${fmt(figures.reqPerSec)} req/s, p99 ${fmt(figures.p99)} ms`);
      await settle(base);
    }
  }
  return runs;
}

function printTable(pass: Pass, targets: Target[], runs: Map<string, Figures[]>, skipped: Map<string, string>): void {
  const summary = (path: string): Figures => {
    const all = runs.get(path)!;
    return {
      reqPerSec: median(all.map((f) => f.reqPerSec)),
      p50: median(all.map((f) => f.p50)),
      p99: median(all.map((f) => f.p99)),
      errors: all.reduce((sum, f) => sum + f.errors, 0),
      non2xx: all.reduce((sum, f) => sum + f.non2xx, 0),
      total: all.reduce((sum, f) => sum + f.total, 0),
    };
  };
  console.log(`\n## ${pass.label}`);
  const baseline = runs.get(BASELINE_PATH)!.length ? summary(BASELINE_PATH) : null;
  console.log(
    `${pad("target", 24)}${pad("req/s", 9, true)}${pad("p50 ms", 9, true)}${pad("p99 ms", 9, true)}${pad("errors", 8, true)}` +
      `${pad("non-2xx", 9, true)}${pad("requests", 10, true)}${pad("vs static", 11, true)}  verdict`,
  );
  for (const target of targets) {
    if (!runs.get(target.path)!.length) {
      console.log(
        `${pad(target.name, 24)}  not loaded: ${skipped.get(target.path) ?? "no run"}${target.page ? "  BELOW target" : ""}`,
      );
      continue;
    }
    const f = summary(target.path);
    const meets = f.reqPerSec >= TARGET.reqPerSec && f.p99 < TARGET.p99Ms && f.errors === 0 && f.non2xx === 0;
    const verdict = target.page
      ? meets
        ? "meets target"
        : "BELOW target"
      : target.path === BASELINE_PATH
        ? "baseline"
        : "";
    const ratio = baseline ? `${fmt(f.reqPerSec / baseline.reqPerSec, 2)}x` : "-";
    console.log(
      `${pad(target.name, 24)}${pad(fmt(f.reqPerSec), 9, true)}${pad(fmt(f.p50), 9, true)}${pad(fmt(f.p99), 9, true)}` +
        `${pad(fmt(f.errors), 8, true)}${pad(fmt(f.non2xx), 9, true)}${pad(fmt(f.total), 10, true)}${pad(ratio, 11, true)}  ${verdict}`,
    );
  }
}

const catalogue = await chooseCatalogue();
let server: { child: ChildProcess; output: () => string } | undefined;
let exitCode = 0;
const cleanup = async () => {
  if (server) await stopServer(server.child);
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

  console.log(`# bench:http — ${os.cpus().length} cores, Node ${process.versions.node}, scripts/serve.ts on :${port}`);
  console.log(`catalogue: ${catalogue.label}, ${fmt(Number(papers))} papers`);
  console.log(
    `load: autocannon, ${connections} connections, ${duration} s per target after ${warmup} s warm-up, ${rounds} round(s), ` +
      `${workers} web worker process(es), Accept-Encoding "${BROWSER_HEADERS["accept-encoding"]}"`,
  );
  console.log(`targets for pages: >= ${TARGET.reqPerSec} req/s, p99 < ${TARGET.p99Ms} ms, no errors`);

  let slug: string | null = null;
  for (const pass of PASSES) {
    server = startServer(catalogue.url, port, pass);
    await waitForServer(base, server.child);
    slug ??= await pickSlug(base);
    const targets: Target[] = [
      { name: "static file (baseline)", path: BASELINE_PATH, page: false },
      { name: "home /", path: "/", page: true },
      ...(slug ? [{ name: "paper page", path: `/papers/${slug}`, page: true }] : []),
      { name: "search page", path: "/search?q=video+benchmark", page: true },
      { name: "JSON search API", path: "/api/papers?q=video+benchmark", page: false },
      { name: "RSS /feed.xml", path: "/feed.xml", page: false },
    ];
    const skipped = new Map<string, string>();
    if (latestDigestSize > MAX_HOME_DIGEST) {
      skipped.set("/", `the latest digest has ${fmt(latestDigestSize)} papers and the home page renders them all`);
    }
    const runs = await loadTargets(pass, targets, skipped, base);
    printTable(pass, targets, runs, skipped);
    await stopServer(server.child);
    server = undefined;
  }
  console.log(
    `\nslug: ${slug ?? "(none: empty catalogue)"}; autocannon shares the ${os.cpus().length} cores with the server and PostgreSQL.`,
  );
} catch (error) {
  console.error(`[bench:http] failed: ${(error as Error).message}`);
  if (server) console.error(server.output());
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
