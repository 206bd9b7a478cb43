// The search benchmark's measuring half (run by scripts/bench/search.ts with DATABASE_URL set to the
// bench catalogue): builds a rotating workload of 1-3 term queries from the corpus vocabulary, times
// searchPapers and the naive ranked query in this process, and compares their top 20.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { env } from "../env";
import { EXACT_LIMIT, searchPapers } from "../papers/search";
import { median, percentile } from "./stats";

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "3" }, "naive-sample": { type: "string", default: "120" } },
});
const rounds = Math.max(1, Number(values.rounds) || 3);
/** The naive query on a common word takes seconds at a million papers: time it on this many common queries. */
const naiveSample = Math.max(1, Number(values["naive-sample"]) || 120);
const pool = new pg.Pool({ connectionString: env().DATABASE_URL!, max: 2 });
const fmt = (n: number, digits = 1) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

type Band = "rare" | "mid" | "common";
type Query = { q: string; matches: number; band: Band };

/** A deterministic shuffle (mulberry32), so every run times the same workload in the same order. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Words of the sample digest (the generator's vocabulary) with their share of papers, from a 2% sample. */
async function vocabulary(): Promise<{ word: string; share: number }[]> {
  const text = readFileSync(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url), "utf8");
  const words = [...new Set((text.match(/[A-Za-z]{3,}/g) ?? []).map((word) => word.toLowerCase()))];
  const { rows } = await pool.query<{ word: string; share: number }>(
    `WITH stats AS (SELECT word AS lexeme, ndoc FROM ts_stat('SELECT search_vector FROM paper WHERE id % 50 = 7')),
          sampled AS (SELECT count(*) AS n FROM paper WHERE id % 50 = 7),
          words AS (SELECT w, (SELECT array_agg(lexeme) FROM unnest(to_tsvector('english', w))) AS lexemes FROM unnest($1::text[]) AS w)
     SELECT w AS word, s.ndoc::float8 / (SELECT n FROM sampled) AS share
     FROM words JOIN stats s ON array_length(words.lexemes, 1) = 1 AND s.lexeme = words.lexemes[1]`,
    [words],
  );
  return rows;
}

/** Model-name stems (the unique first word of generated titles): the rarest queries there are. */
async function titleStems(n: number): Promise<string[]> {
  const { rows } = await pool.query<{ stem: string }>(
    `SELECT DISTINCT lower(substring(title FROM '^[A-Za-z]{4,}')) AS stem FROM paper TABLESAMPLE SYSTEM (1) WHERE title ~ '^[A-Za-z]{4,}' LIMIT $1`,
    [n],
  );
  return rows.map((row) => row.stem);
}

async function countMatches(q: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM paper WHERE search_vector @@ websearch_to_tsquery('english', $1)`,
    [q],
  );
  return rows[0]!.n;
}

async function workload(): Promise<Query[]> {
  const vocab = await vocabulary();
  const common = vocab.filter((v) => v.share >= 0.05).map((v) => v.word);
  const mid = vocab.filter((v) => v.share >= 0.002 && v.share < 0.05).map((v) => v.word);
  const rareWords = vocab.filter((v) => v.share > 0 && v.share < 0.002).map((v) => v.word);
  const stems = await titleStems(80);
  const pick = <T>(items: T[], i: number) => items[i % items.length]!;
  const candidates = new Set<string>([
    "model",
    "language model",
    "large language models",
    "multimodal benchmark",
    "vision language model",
  ]);
  const c = shuffled(common, 1),
    m = shuffled(mid, 2),
    r = shuffled(rareWords, 3),
    s = shuffled(stems, 4);
  for (let i = 0; candidates.size < 420 && i < 2000; i++) {
    switch (i % 9) {
      case 0:
        candidates.add(pick(c, i));
        break;
      case 1:
        candidates.add(`${pick(c, i)} ${pick(c, i + 7)}`);
        break;
      case 2:
        candidates.add(`${pick(c, i)} ${pick(c, i + 3)} ${pick(c, i + 11)}`);
        break;
      case 3:
        candidates.add(pick(m, i));
        break;
      case 4:
        candidates.add(`${pick(m, i)} ${pick(c, i)}`);
        break;
      case 5:
        candidates.add(`${pick(m, i)} ${pick(m, i + 5)}`);
        break;
      case 6:
        if (s.length) candidates.add(pick(s, i));
        break;
      case 7:
        if (s.length) candidates.add(`${pick(s, i)} ${pick(c, i)}`);
        break;
      case 8:
        if (r.length) candidates.add(`${pick(r, i)}${i % 2 ? ` ${pick(c, i)}` : ""}`);
        break;
    }
  }
  const queries: Query[] = [];
  for (const q of candidates) {
    const matches = await countMatches(q);
    if (matches === 0) continue;
    const band: Band = matches <= 100 ? "rare" : matches <= EXACT_LIMIT ? "mid" : "common";
    queries.push({ q, matches, band });
  }
  // Balance the bands (at most 120 each) so the percentiles describe a mixed workload.
  const byBand = (band: Band) => queries.filter((query) => query.band === band).slice(0, 120);
  return shuffled([...byBand("rare"), ...byBand("mid"), ...byBand("common")], 5);
}

const NAIVE = `SELECT slug FROM paper WHERE search_vector @@ websearch_to_tsquery('english', $1)
               ORDER BY ts_rank_cd(search_vector, websearch_to_tsquery('english', $1)) DESC, first_seen DESC, id DESC LIMIT 20`;

async function timeIt<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

function line(label: string, times: number[]) {
  return `${label.padEnd(34)} p50 ${fmt(percentile(times, 50)).padStart(7)} ms   p95 ${fmt(percentile(times, 95)).padStart(7)} ms   p99 ${fmt(percentile(times, 99)).padStart(7)} ms   (${times.length} runs)`;
}

const papers = (await pool.query<{ papers: number }>("SELECT count(*)::int AS papers FROM paper")).rows[0]!.papers;
const queries = await workload();
const bands = (["rare", "mid", "common"] as const).map(
  (band) => [band, queries.filter((q) => q.band === band)] as const,
);
console.log(
  `catalogue: ${papers.toLocaleString("en")} papers; workload: ${queries.length} distinct queries ` +
    bands
      .map(
        ([band, qs]) =>
          `${qs.length} ${band} (median ${median(qs.map((q) => q.matches)).toLocaleString("en")} matches)`,
      )
      .join(", "),
);
console.log(
  `rare: <= 100 matches, mid: <= ${EXACT_LIMIT} (ranked exactly), common: more (ranked in the newest-matches window)\n`,
);

const naiveQueries = new Set(
  bands.flatMap(([band, qs]) => (band === "common" ? qs.slice(0, naiveSample) : qs).map((query) => query.q)),
);
if (naiveQueries.size < queries.length)
  console.log(
    `the naive query runs on ${naiveQueries.size} of the queries (--naive-sample: ${naiveSample} common ones)\n`,
  );

// Warm-up (excluded): one pass of each, so both run against a warm cache.
for (const { q } of queries) {
  await searchPapers({ q, hasCode: false, page: 1, pageSize: 20 });
  if (naiveQueries.has(q)) await pool.query(NAIVE, [q]);
}

const ours: Record<Band, number[]> = { rare: [], mid: [], common: [] };
const naive: Record<Band, number[]> = { rare: [], mid: [], common: [] };
const sameOrder: Record<Band, number> = { rare: 0, mid: 0, common: 0 };
const sameSet: Record<Band, number> = { rare: 0, mid: 0, common: 0 };
const sameAsExact: Record<Band, number> = { rare: 0, mid: 0, common: 0 };
/** How often the whole call ran a fallback (the closest matches or similar titles), and its time. */
const fallback = { runs: 0, ms: 0 };
let totalMs = 0;
let compared = false;
for (let round = 0; round < rounds; round++) {
  for (const query of shuffled(queries, 100 + round)) {
    // Alternate which goes first, so neither always gets the other's warmed pages.
    const runOurs = async () => {
      const timed = await timeIt(() => searchPapers({ q: query.q, hasCode: false, page: 1, pageSize: 20 }));
      totalMs += timed[0];
      if (timed[1].mode === "closest" || timed[1].mode === "fuzzy") {
        fallback.runs += 1;
        fallback.ms += timed[0];
      }
      return timed;
    };
    const runNaive = () => timeIt(() => pool.query<{ slug: string }>(NAIVE, [query.q]));
    if (!naiveQueries.has(query.q)) {
      ours[query.band].push((await runOurs())[0]);
      continue;
    }
    let oursResult, naiveResult;
    if (round % 2 === 0) {
      oursResult = await runOurs();
      naiveResult = await runNaive();
    } else {
      naiveResult = await runNaive();
      oursResult = await runOurs();
    }
    ours[query.band].push(oursResult[0]);
    naive[query.band].push(naiveResult[0]);
    if (!compared) {
      const naiveSlugs = naiveResult[1].rows.map((row) => row.slug);
      const oursSlugs = oursResult[1].papers.slice(0, naiveSlugs.length).map((paper) => paper.slug);
      if (oursSlugs.join() === naiveSlugs.join()) sameOrder[query.band] += 1;
      if (new Set([...oursSlugs, ...naiveSlugs]).size === naiveSlugs.length) sameSet[query.band] += 1;
      // The same score as ours, every match ranked: what our windowed plan approximates for common queries.
      const { rows: exact } = await pool.query<{ slug: string }>(
        `SELECT slug FROM (SELECT slug, first_seen, id, (1 + (search_vector @@ regexp_replace(q::text, '''((?:[^'']|'''')*)''', '''\\1'':A', 'g')::tsquery)::int
                                  + ts_rank_cd(search_vector, q, 32)) AS score
                           FROM paper, websearch_to_tsquery('english', $1) AS q WHERE search_vector @@ q) s
         ORDER BY score DESC, first_seen DESC, id DESC LIMIT 20`,
        [query.q],
      );
      if (
        oursSlugs.join() ===
        exact
          .slice(0, oursSlugs.length)
          .map((row) => row.slug)
          .join()
      )
        sameAsExact[query.band] += 1;
    }
  }
  compared = true;
}

const all = (record: Record<Band, number[]>) => [...record.rare, ...record.mid, ...record.common];
console.log(line("searchPapers (all queries)", all(ours)));
console.log(line("naive ranked query (all queries)", all(naive)));
for (const [band, qs] of bands) {
  if (qs.length === 0) continue;
  console.log(line(`  searchPapers, ${band}`, ours[band]));
  console.log(line(`  naive, ${band}`, naive[band]));
}
const runs = all(ours).length;
console.log(
  `\nfallback (closest matches or similar titles) ran in ${fallback.runs} of ${runs} calls (${fmt((100 * fallback.runs) / runs)}%), ` +
    `${fmt(totalMs > 0 ? (100 * fallback.ms) / totalMs : 0)}% of the time`,
);
console.log("\nsearchPapers is the whole call (parse, count, ranking, total, summaries with links); the naive");
console.log("query only returns 20 ranked slugs.\n");
console.log("top 20 compared with the naive query (ts_rank_cd only) and with exact ranking by our score:");
for (const [band, all] of bands) {
  const qs = band === "common" ? all.slice(0, naiveSample) : all;
  if (qs.length === 0) continue;
  const pct = (n: number) => `${n}/${qs.length} (${fmt((100 * n) / qs.length, 0)}%)`;
  console.log(
    `  ${band.padEnd(6)} same order as naive ${pct(sameOrder[band])}, same set as naive ${pct(sameSet[band])}, same order as exact-by-our-score ${pct(sameAsExact[band])}`,
  );
}
// "Search all, best first" (rank=all): every match ranked exactly, on common queries (the costly case).
const exhaustiveQueries = bands.find(([band]) => band === "common")![1].slice(0, 20);
const exhaustiveMs: number[] = [];
let overBudget = 0;
for (const { q } of exhaustiveQueries) {
  const [ms, result] = await timeIt(() => searchPapers({ q, hasCode: false, page: 1, pageSize: 20, exhaustive: true }));
  exhaustiveMs.push(ms);
  if (result.exhaustiveTimedOut) overBudget += 1;
}
if (exhaustiveMs.length > 0) {
  console.log(`\n${line("search all, best first (common)", exhaustiveMs)}; over its budget: ${overBudget}`);
}
await pool.end();
process.exit(0);
