// npm run bench:digest -- [--subscribers 100000] [--papers 1000] [--topics 12] [--seed 1] [--follows 5] [--searches 3]
//                          [--distinct-searches 2000] [--runs 1] [--cpu-prof DIR]
// Builds the scratch database pp_bench_digest (a generated catalogue through the real importer, N confirmed
// daily subscribers following 0-3 topics each), starts the fake Resend API in a child process (so its
// memory and CPU are not counted as ours) with no rate limit, and times runDigest (plan, then render and
// hand over every email) twice per round: today's digest with no follows, then the same period with every
// subscriber following authors and keeping saved searches (issue 17). Each run is its own child process,
// so each path's peak RSS is its own. Prints figures (medians over --runs rounds), asserts nothing.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { freshDatabase } from "../../lib/bench/bench-databases";
import { addAuthors, addFollows, resetDigestRuns, stashFollows } from "../../lib/bench/digest-follows";
import { writeDigestFile } from "../../lib/bench/generate-digest";
import { median } from "../../lib/bench/stats";
import { openDatabase } from "../../lib/db/database-url";
import { runDigest } from "../../lib/digest/run";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";

/** What one run's child process reports on its last line of output. */
type RunFigures = {
  period: string | null;
  planned: number;
  sent: number;
  failed: number;
  pending: number;
  planMs: number;
  planPhases: Record<string, number>;
  sendMs: number;
  totalMs: number;
  renderMs: number;
  providerMs: number;
  claimMs: number;
  markMs: number;
  medianBatchRate: number;
  rssBeforeKb: number;
  rssSamplesKb: number[];
  /** The process's peak RSS when the first batch was marked: planning's share of the peak. */
  planPeakRssKb: number;
  /** process.memoryUsage() sampled every 25 ms: the sample with the highest RSS, in kB. */
  atPeak: { rssKb: number; heapUsedKb: number; heapTotalKb: number; externalKb: number; arrayBuffersKb: number };
  peakRssKb: number;
};
type RunRequest = { url: string; fakeUrl: string; concurrency: number; cpuProfDir?: string };

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (kb: number) => `${fmt(kb / 1024)} MB`;
const RUN_MARK = "bench-digest-run:";

if (process.argv.includes("--serve-fake")) {
  // Child mode: the fake Resend API, forgetting what it received so 100,000 emails do not pile up in memory.
  const { start } = await import("../../tests/support/fake-resend");
  const fake = await start();
  setInterval(() => {
    fake.requests.length = 0;
    fake.delivered.length = 0;
  }, 200).unref();
  console.log(fake.url);
  process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
} else if (process.argv.includes("--run")) {
  // Child mode: one runDigest over the prepared database, its figures as one JSON line.
  const request = JSON.parse(process.env.BENCH_DIGEST_RUN ?? "{}") as RunRequest;
  console.log(RUN_MARK + JSON.stringify(await runOnce(request)));
  process.exit(0);
} else {
  await main();
}

async function runOnce({ url, fakeUrl, concurrency }: RunRequest): Promise<RunFigures> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    const rates: number[] = [];
    const totals = { renderMs: 0, providerMs: 0, claimMs: 0, markMs: 0 };
    const rssSamplesKb: number[] = [];
    let batches = 0;
    let planPeakRssKb = 0;
    const rssBeforeKb = process.memoryUsage().rss / 1024;
    // Where the peak is: V8's heap (strings, objects) or outside it (Buffers, undici's encoded bodies).
    const atPeak = { rssKb: 0, heapUsedKb: 0, heapTotalKb: 0, externalKb: 0, arrayBuffersKb: 0 };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      if (m.rss / 1024 <= atPeak.rssKb) return;
      atPeak.rssKb = m.rss / 1024;
      atPeak.heapUsedKb = m.heapUsed / 1024;
      atPeak.heapTotalKb = m.heapTotal / 1024;
      atPeak.externalKb = m.external / 1024;
      atPeak.arrayBuffersKb = m.arrayBuffers / 1024;
    }, 25);
    const began = performance.now();
    const result = await runDigest(pool, {
      frequency: "daily",
      now: new Date("2025-04-30T12:00:00Z"),
      siteUrl: "https://papers.example.org",
      workerId: "bench",
      concurrency,
      mail: {
        apiKey: "re_bench",
        baseUrl: fakeUrl,
        from: "PaperPulse <papers@example.org>",
        ratePerSecond: 1_000_000,
        log: () => undefined,
      },
      onBatch: (report) => {
        rates.push((report.emails / report.totalMs) * 1000);
        totals.renderMs += report.renderMs;
        totals.providerMs += report.sendMs;
        totals.claimMs += report.claimMs;
        totals.markMs += report.markMs;
        if (batches === 0) planPeakRssKb = process.resourceUsage().maxRSS;
        if (batches++ % 50 === 0) rssSamplesKb.push(process.memoryUsage().rss / 1024);
      },
    });
    clearInterval(sampler);
    return {
      period: result.period,
      planned: result.planned,
      sent: result.sent,
      failed: result.failed,
      pending: result.pending,
      planMs: result.planMs,
      planPhases: result.planPhases ?? {},
      sendMs: result.sendMs,
      totalMs: performance.now() - began,
      ...totals,
      medianBatchRate: rates.length > 0 ? median(rates) : 0,
      rssBeforeKb,
      rssSamplesKb,
      planPeakRssKb,
      atPeak,
      peakRssKb: process.resourceUsage().maxRSS,
    };
  } finally {
    await pool.end();
  }
}

/** Runs runOnce in a fresh Node process (same loader flags as this one) and returns its figures. */
async function runInChild(request: RunRequest): Promise<RunFigures> {
  const profile = request.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${request.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...process.execArgv, ...profile, process.argv[1]!, "--run"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_DIGEST_RUN: JSON.stringify(request) },
  });
  let figures: RunFigures | undefined;
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith(RUN_MARK)) figures = JSON.parse(line.slice(RUN_MARK.length)) as RunFigures;
    else console.log(line);
  }
  const code = await new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve),
  );
  if (!figures) throw new Error(`the benchmark run exited (${code}) without reporting its figures`);
  return figures;
}

function printRun(f: RunFigures) {
  const s = (ms: number) => `${fmt(ms / 1000, 1)} s`;
  const phases = Object.entries(f.planPhases)
    .map(([name, ms]) => `${name} ${s(ms)}`)
    .join(", ");
  console.log(
    `period ${f.period}: planned ${fmt(f.planned)}, sent ${fmt(f.sent)}, failed ${fmt(f.failed)}, pending ${fmt(f.pending)}`,
  );
  console.log(
    `plan (select papers for every subscriber, write the ledger): ${s(f.planMs)}${phases ? ` (${phases})` : ""}`,
  );
  console.log(`send (claim, render, hand over, mark):                      ${s(f.sendMs)}`);
  console.log(
    `  summed over the batches in flight: claiming ${s(f.claimMs)}, rendering ${s(f.renderMs)}, waiting on the provider ${s(f.providerMs)}, marking ${s(f.markMs)}`,
  );
  console.log(`total:                                                     ${s(f.totalMs)}`);
  console.log(
    `emails rendered and handed over per second: ${fmt(f.sent / (f.sendMs / 1000))} while sending, ${fmt(f.sent / (f.totalMs / 1000))} over the whole run; median batch ${fmt(f.medianBatchRate)}/s`,
  );
  console.log(
    `memory: RSS ${mb(f.rssBeforeKb)} before the run, every 50 batches: ${f.rssSamplesKb.map((kb) => fmt(kb / 1024)).join(", ")} MB; peak RSS of the run's process ${mb(f.peakRssKb)}`,
  );
  const p = f.atPeak;
  console.log(
    `  peak through planning ${mb(f.planPeakRssKb)}; highest sampled RSS ${mb(p.rssKb)}: V8 heap ${mb(p.heapUsedKb)} used of ${mb(p.heapTotalKb)}, external ${mb(p.externalKb)} (array buffers ${mb(p.arrayBuffersKb)})\n`,
  );
}

async function main() {
  const NAME = "pp_bench_digest";
  const { values } = parseArgs({
    options: {
      subscribers: { type: "string", default: "100000" },
      papers: { type: "string", default: "1000" },
      topics: { type: "string", default: "12" },
      seed: { type: "string", default: "1" },
      concurrency: { type: "string", default: "2" },
      follows: { type: "string", default: "5" },
      searches: { type: "string", default: "3" },
      "distinct-searches": { type: "string", default: "2000" },
      runs: { type: "string", default: "1" },
      /** Write a V8 CPU profile of each run's process (node --cpu-prof) into this directory. */
      "cpu-prof": { type: "string" },
    },
  });
  const subscribers = Number(values.subscribers);
  const papers = Number(values.papers);
  const topicCount = Number(values.topics);
  const follows = Number(values.follows);
  const searches = Number(values.searches);
  const distinctSearches = Number(values["distinct-searches"]);
  const runs = Number(values.runs);
  if (
    ![subscribers, papers, topicCount, follows, searches, distinctSearches, runs].every(
      (n) => Number.isInteger(n) && n > 0,
    )
  ) {
    console.error(
      "--subscribers, --papers, --topics, --follows, --searches, --distinct-searches and --runs must be positive integers, e.g. --subscribers 100000",
    );
    process.exit(2);
  }
  const database = await openDatabase((message) => console.error(message));
  const fakeChild = spawn(process.execPath, ["--import", "tsx", "scripts/bench/digest.ts", "--serve-fake"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const work = await mkdtemp(path.join(tmpdir(), "paperpulse-bench-digest-"));
  try {
    const fakeUrl = await new Promise<string>((resolve, reject) => {
      createInterface({ input: fakeChild.stdout! }).once("line", resolve);
      fakeChild.once("exit", (code) => reject(new Error(`the fake Resend server exited (${code})`)));
    });
    console.log(
      `# bench:digest — ${database.kind} PostgreSQL, ${cpus().length} cores, ${fmt(subscribers)} subscribers, ${fmt(papers)} papers, ${topicCount} topics, ${values.concurrency} batches in flight\n`,
    );

    const url = await freshDatabase(database.url, NAME);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    try {
      let started = performance.now();
      const file = path.join(work, "digest.txt");
      await writeDigestFile(file, { papers, seed: Number(values.seed), dateLine: "Apr 30, 2025" });
      const summary = await importDigest(pool, await fileSource(file), {
        today: "2025-05-01",
        importedBy: "cli:bench",
      });
      console.log(
        `catalogue: ${fmt(summary.counts.new)} papers imported in ${fmt((performance.now() - started) / 1000, 1)} s`,
      );

      started = performance.now();
      // Topics: the taxonomy's tags if the importer applied any, else our own, each on a spread of papers.
      const { rows: existing } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tag WHERE kind = 'TOPIC'`,
      );
      if (existing[0]!.n === 0) {
        await pool.query(
          `INSERT INTO tag (slug, name, kind) SELECT 'topic-' || g, 'Topic ' || g, 'TOPIC' FROM generate_series(1, $1) g`,
          [topicCount],
        );
        await pool.query(
          `INSERT INTO paper_tag (paper_id, tag_id, automatic)
           SELECT p.id, t.id, true FROM paper p JOIN tag t ON (p.id * 7 + t.id * 13) % $1 < 2 ON CONFLICT DO NOTHING`,
          [topicCount],
        );
      }
      // Confirmed daily subscribers; subscriber i follows (i mod 4) topics picked by hashing i.
      await pool.query(
        `INSERT INTO subscriber (email, status, frequency, confirmed_at)
         SELECT 'reader' || g || '@bench.example.org', 'CONFIRMED', 'DAILY', now() FROM generate_series(1, $1) g`,
        [subscribers],
      );
      await pool.query(
        `INSERT INTO subscriber_topic (subscriber_id, tag_id)
         SELECT s.id, t.id FROM subscriber s
         CROSS JOIN LATERAL (SELECT id FROM tag ORDER BY md5(s.id::text || id::text) LIMIT s.id % 4) t`,
      );
      await pool.query("VACUUM ANALYZE");
      const {
        rows: [mix],
      } = await pool.query<{ combos: number; follows: number }>(
        `SELECT count(DISTINCT topics)::int AS combos, sum(cardinality(topics))::int AS follows
         FROM (SELECT s.id, coalesce(array_agg(t.tag_id ORDER BY t.tag_id) FILTER (WHERE t.tag_id IS NOT NULL), '{}') AS topics
               FROM subscriber s LEFT JOIN subscriber_topic t ON t.subscriber_id = s.id GROUP BY s.id) x`,
      );
      console.log(
        `subscribers: ${fmt(subscribers)} inserted with ${fmt(mix!.follows)} followed topics (${fmt(mix!.combos)} distinct topic sets) in ${fmt((performance.now() - started) / 1000, 1)} s\n`,
      );

      // Authors on every paper for both paths (so the catalogue is the same); follows and saved searches
      // seeded once and kept aside, copied in before each run with follows and left out of each run without.
      await addAuthors(pool);
      started = performance.now();
      const distinct = await addFollows(pool, { follows, searches, distinctSearches });
      await stashFollows(pool);
      console.log(
        `follows: every subscriber follows ${follows} authors and keeps ${searches} saved searches (${fmt(distinct)} distinct), seeded in ${fmt((performance.now() - started) / 1000, 1)} s\n`,
      );

      const paths = [
        { key: "today", label: "today: trending and followed topics (no follows)", follows: false },
        {
          key: "follows",
          label: `with ${follows} followed authors and ${searches} saved searches each`,
          follows: true,
        },
      ] as const;
      const figures: Record<(typeof paths)[number]["key"], RunFigures[]> = { today: [], follows: [] };
      for (let round = 1; round <= runs; round++) {
        for (const run of paths) {
          await resetDigestRuns(pool, { follows: run.follows });
          await pool.query("VACUUM ANALYZE");
          // Each run in a fresh process: its peak RSS is its own, not the maximum of every run before it.
          const result = await runInChild({
            url,
            fakeUrl,
            concurrency: Number(values.concurrency),
            cpuProfDir: values["cpu-prof"] && path.resolve(values["cpu-prof"]),
          });
          figures[run.key].push(result);
          console.log(`## ${run.label}${runs > 1 ? ` (round ${round} of ${runs})` : ""}`);
          printRun(result);
        }
      }
      const mid = (key: keyof typeof figures, pick: (f: RunFigures) => number) => median(figures[key].map(pick));
      const rate = (key: keyof typeof figures) => mid(key, (f) => f.sent / (f.totalMs / 1000));
      const peak = (key: keyof typeof figures) => mid(key, (f) => f.peakRssKb);
      console.log(`## side by side (same run, same machine${runs > 1 ? `, medians of ${runs} rounds` : ""})`);
      console.log(
        `emails per second over the whole run: today ${fmt(rate("today"))}, with follows and saved searches ${fmt(rate("follows"))} (${fmt((rate("follows") / rate("today")) * 100)} %)`,
      );
      console.log(
        `plan: today ${fmt(mid("today", (f) => f.planMs) / 1000, 1)} s, with follows ${fmt(mid("follows", (f) => f.planMs) / 1000, 1)} s; send: today ${fmt(mid("today", (f) => f.sendMs) / 1000, 1)} s, with follows ${fmt(mid("follows", (f) => f.sendMs) / 1000, 1)} s`,
      );
      console.log(
        `peak RSS of the run's process: today ${mb(peak("today"))}, with follows ${mb(peak("follows"))} (ratio ${fmt(peak("follows") / peak("today"), 2)})`,
      );
    } finally {
      await pool.end();
    }
  } finally {
    fakeChild.kill("SIGTERM");
    await rm(work, { recursive: true, force: true });
    await database.release();
  }
}
