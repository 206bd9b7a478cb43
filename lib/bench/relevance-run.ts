// The relevance benchmark's measuring half (run by scripts/bench/relevance.ts with DATABASE_URL set to
// a catalogue of the sample digest): each judged query through searchPapers and through the all-words
// baseline (search as it was before the closest matches and the thesaurus, kept here as SQL), the rank
// of the first accepted answer in the top 10 and how many answers the top 10 holds.
import { parseArgs } from "node:util";
import pg from "pg";
import { env } from "../env";
import { searchPapers } from "../papers/search";
import { RELEVANCE_SET, type Judged, type RelevanceKind } from "./relevance-set";

const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false } } });
const pool = new pg.Pool({ connectionString: env().DATABASE_URL!, max: 2 });
const K = 10;

/** Today's main before issue 13: every word required (websearch_to_tsquery), title matches first, similar titles when none. */
async function baseline(q: string): Promise<string[]> {
  const { rows } = await pool.query<{ title: string }>(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS tsq)
     SELECT p.title FROM paper p, q WHERE p.search_vector @@ q.tsq
     ORDER BY (1 + (p.search_vector @@ regexp_replace(q.tsq::text, '''((?:[^'']|'''')*)''(:[A-D*]+)?', '''\\1'':A', 'g')::tsquery)::int
               + ts_rank_cd(p.search_vector, q.tsq, 32)) DESC, p.first_seen DESC, p.id DESC
     LIMIT ${K}`,
    [q],
  );
  if (rows.length > 0) return rows.map((row) => row.title);
  const text = q
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, 200);
  if (text.replace(/\s/g, "").length < 3) return [];
  const client = await pool.connect();
  try {
    await client.query("SET pg_trgm.word_similarity_threshold = 0.5");
    const fuzzy = await client.query<{ title: string }>(
      `SELECT title FROM paper WHERE $1 <% title ORDER BY word_similarity($1, title) DESC, first_seen DESC, id DESC LIMIT ${K}`,
      [text],
    );
    return fuzzy.rows.map((row) => row.title);
  } finally {
    await client.query("RESET pg_trgm.word_similarity_threshold");
    client.release();
  }
}

async function ours(q: string): Promise<string[]> {
  const result = await searchPapers({ q, hasCode: false, page: 1, pageSize: K });
  return result.papers.map((paper) => paper.title);
}

type Score = { reciprocal: number; recall: number; first: number | null };

function score(judged: Judged, titles: string[]): Score {
  const accepted = (title: string) => judged.answers.some((answer) => title.startsWith(answer));
  const position = titles.slice(0, K).findIndex(accepted);
  const found = judged.answers.filter((answer) => titles.slice(0, K).some((title) => title.startsWith(answer))).length;
  return {
    reciprocal: position < 0 ? 0 : 1 / (position + 1),
    recall: found / judged.answers.length,
    first: position < 0 ? null : position + 1,
  };
}

// Every answer must name a paper of the sample (a typo in the set would silently score 0).
const { rows: all } = await pool.query<{ title: string }>("SELECT title FROM paper");
for (const judged of RELEVANCE_SET) {
  for (const answer of judged.answers) {
    const n = all.filter((row) => row.title.startsWith(answer)).length;
    if (n !== 1) throw new Error(`relevance set: answer "${answer}" of "${judged.q}" matches ${n} papers (expected 1)`);
  }
}

const results: { judged: Judged; ours: Score; base: Score }[] = [];
for (const judged of RELEVANCE_SET) {
  results.push({ judged, ours: score(judged, await ours(judged.q)), base: score(judged, await baseline(judged.q)) });
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const fmt = (n: number) => n.toFixed(3);
console.log(`# bench:relevance — ${RELEVANCE_SET.length} judged queries on the sample digest (${all.length} papers)\n`);
console.log(
  `${"kind".padEnd(12)} ${"queries".padStart(7)}   ${"MRR@10".padStart(6)} (baseline)   ${"recall@10".padStart(9)} (baseline)`,
);
for (const kind of ["own", "descriptive"] as RelevanceKind[]) {
  const of = results.filter((result) => result.judged.kind === kind);
  const line = [
    kind.padEnd(12),
    String(of.length).padStart(7),
    `  ${fmt(mean(of.map((r) => r.ours.reciprocal))).padStart(6)} (${fmt(mean(of.map((r) => r.base.reciprocal)))})`,
    `  ${fmt(mean(of.map((r) => r.ours.recall))).padStart(9)} (${fmt(mean(of.map((r) => r.base.recall)))})`,
  ];
  console.log(line.join(" "));
}
console.log(
  "\nbaseline: every word required (websearch_to_tsquery), title matches first, similar titles when nothing matches.",
);
if (values.verbose) {
  console.log("\nfirst accepted answer's position (ours / baseline; - = not in the top 10):");
  for (const { judged, ours: o, base: b } of results)
    console.log(
      `  ${String(o.first ?? "-").padStart(2)} / ${String(b.first ?? "-").padStart(2)}  ${judged.kind.padEnd(11)} ${judged.q}`,
    );
}
await pool.end();
process.exit(0);
