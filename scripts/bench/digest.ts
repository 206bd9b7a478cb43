// npm run bench:digest -- [--subscribers 100000] [--papers 1000] [--topics 12] [--seed 1] [--follows 5] [--searches 3] [--distinct-searches 2000]
// Builds the scratch database pp_bench_digest (a generated catalogue through the real importer, N confirmed
// daily subscribers following 0-3 topics each), starts the fake Resend API in a child process (so its
// memory and CPU are not counted as ours) with no rate limit, and times runDigest: plan, then render and
// hand over every email; then the same period again with every subscriber following authors and keeping
// saved searches (issue 17), printed beside the first. Prints figures, asserts nothing.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { freshDatabase } from "../../lib/bench/bench-databases";
import { addAuthors, addFollows, resetDigestRuns } from "../../lib/bench/digest-follows";
import { writeDigestFile } from "../../lib/bench/generate-digest";
import { median } from "../../lib/bench/stats";
import { openDatabase } from "../../lib/db/database-url";
import { runDigest } from "../../lib/digest/run";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";

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
} else {
  await main();
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
    },
  });
  const subscribers = Number(values.subscribers);
  const papers = Number(values.papers);
  const topicCount = Number(values.topics);
  const follows = Number(values.follows);
  const searches = Number(values.searches);
  const distinctSearches = Number(values["distinct-searches"]);
  if (
    ![subscribers, papers, topicCount, follows, searches, distinctSearches].every((n) => Number.isInteger(n) && n > 0)
  ) {
    console.error(
      "--subscribers, --papers, --topics, --follows, --searches and --distinct-searches must be positive integers, e.g. --subscribers 100000",
    );
    process.exit(2);
  }
  const fmt = (n: number, digits = 0) =>
    n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const mb = (kb: number) => `${fmt(kb / 1024)} MB`;

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

      const runOnce = async (label: string) => {
        const rates: number[] = [];
        let renderMs = 0;
        let providerMs = 0;
        const rss: number[] = [];
        let batches = 0;
        const rssBefore = process.memoryUsage().rss;
        const began = performance.now();
        const result = await runDigest(pool, {
          frequency: "daily",
          now: new Date("2025-04-30T12:00:00Z"),
          siteUrl: "https://papers.example.org",
          workerId: "bench",
          concurrency: Number(values.concurrency),
          mail: {
            apiKey: "re_bench",
            baseUrl: fakeUrl,
            from: "PaperPulse <papers@example.org>",
            ratePerSecond: 1_000_000,
            log: () => undefined,
          },
          onBatch: (report) => {
            rates.push((report.emails / report.totalMs) * 1000);
            renderMs += report.renderMs;
            providerMs += report.sendMs;
            if (batches++ % 50 === 0) rss.push(process.memoryUsage().rss);
          },
        });
        const totalMs = performance.now() - began;
        const peak = process.resourceUsage().maxRSS;
        console.log(`## ${label}`);
        console.log(
          `period ${result.period}: planned ${fmt(result.planned)}, sent ${fmt(result.sent)}, failed ${fmt(result.failed)}, pending ${fmt(result.pending)}`,
        );
        console.log(`plan (select papers for every subscriber, write the ledger): ${fmt(result.planMs / 1000, 1)} s`);
        console.log(`send (claim, render, hand over, mark):                      ${fmt(result.sendMs / 1000, 1)} s`);
        console.log(
          `  of which rendering ${fmt(renderMs / 1000, 1)} s, waiting on the provider ${fmt(providerMs / 1000, 1)} s, claiming and marking the rest`,
        );
        console.log(`total:                                                     ${fmt(totalMs / 1000, 1)} s`);
        console.log(
          `emails rendered and handed over per second: ${fmt(result.sent / (result.sendMs / 1000))} while sending, ${fmt(result.sent / (totalMs / 1000))} over the whole run; median batch ${fmt(median(rates))}/s`,
        );
        console.log(
          `memory: RSS ${fmt(rssBefore / 1048576)} MB before the run, every 50 batches: ${rss.map((r) => fmt(r / 1048576)).join(", ")} MB; peak RSS of the process so far ${mb(peak)}\n`,
        );
        return { overall: result.sent / (totalMs / 1000), peakKb: peak, lastRss: rss.at(-1) ?? rssBefore };
      };

      // Today's digest (topics only), then the same period again with authors, follows and saved searches (issue 17).
      const today = await runOnce("today: trending and followed topics");
      started = performance.now();
      await resetDigestRuns(pool);
      await addAuthors(pool);
      const distinct = await addFollows(pool, { follows, searches, distinctSearches });
      await pool.query("VACUUM ANALYZE");
      console.log(
        `follows: every subscriber follows ${follows} authors and keeps ${searches} saved searches (${fmt(distinct)} distinct), seeded in ${fmt((performance.now() - started) / 1000, 1)} s\n`,
      );
      const withFollows = await runOnce(`with ${follows} followed authors and ${searches} saved searches each`);
      console.log("## side by side (same run, same machine)");
      console.log(
        `emails per second over the whole run: today ${fmt(today.overall)}, with follows and saved searches ${fmt(withFollows.overall)} (${fmt((withFollows.overall / today.overall) * 100)} %)`,
      );
      console.log(
        `RSS at the last sample: today ${fmt(today.lastRss / 1048576)} MB, with follows ${fmt(withFollows.lastRss / 1048576)} MB; peak RSS after each: ${mb(today.peakKb)}, ${mb(withFollows.peakKb)}`,
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
