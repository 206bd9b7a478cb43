// npm run bench:links -- [--runs 5]
// Times link trimming (lib/ingest/links.ts trimUrl, and findUrls over a whole abstract) on the two inputs
// that were quadratic and on a normal abstract, against the old algorithm measured in the same run.
// Prints medians and the old/new ratio; asserts nothing.
import { parseArgs } from "node:util";
import { findUrls, trimUrl } from "../../lib/ingest/links";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error("--runs must be a positive integer, e.g. --runs 5");
  process.exit(2);
}

// Only for comparison: trimUrl as it was before it became one backwards pass. Each round re-ran a
// /[...]+$/ regex (which backtracks over a punctuation run not at the end) and re-counted the brackets.
const OLD_TRAILING_PUNCTUATION = /[.,;:!?'"\u2018\u2019\u201C\u201D\u00BB]+$/;
function oldCount(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
function quadraticTrimBaseline(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(OLD_TRAILING_PUNCTUATION, "");
    if (url.endsWith(")") && oldCount(url, "(") < oldCount(url, ")")) url = url.slice(0, -1);
    else if (url.endsWith("]") && oldCount(url, "[") < oldCount(url, "]")) url = url.slice(0, -1);
    if (url === before) return url;
  }
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+/gi;
/** Trims every URL token of the text with the given trimmer: the work extractLinks and the page do. */
function trimAll(text: string, trim: (raw: string) => string): number {
  let n = 0;
  for (const match of text.matchAll(URL_PATTERN)) n += trim(match[0]).length;
  return n;
}

const NORMAL =
  "We present AKI, a multimodal model (see https://en.wikipedia.org/wiki/Attention_(machine_learning)). " +
  "Code and weights are at https://github.com/sony/aki, the data at https://huggingface.co/datasets/a/b; " +
  "a demo lives at \u201Chttps://aki.github.io/\u201D. Results on [https://paperswithcode.com/x] improve by 4.2 points.";
const INPUTS: [string, string][] = [
  ["40,000 trailing dots", `https://x.org/${".".repeat(40_000)}`],
  ["40,000 dots mid-URL", `https://x.org/${".".repeat(40_000)}x`],
  ['20,000 x ")."', `https://x.org/${").".repeat(20_000)}`],
  ["normal abstract", NORMAL],
];

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median milliseconds of one call, over `runs` runs; each run repeats fast calls until it lasts >= 5 ms. */
function time(fn: () => unknown): number {
  const results: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    let calls = 0;
    const started = performance.now();
    let elapsed: number;
    do {
      sink += Number(Boolean(fn()));
      calls++;
      elapsed = performance.now() - started;
    } while (elapsed < 5);
    results.push(elapsed / calls);
  }
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return median(results);
}

// Warm up both trimmers on short inputs so the first row does not pay for compilation.
for (let i = 0; i < 2000; i++)
  trimAll(`${NORMAL} https://x.org/${").".repeat(i % 50)}`, (raw) => quadraticTrimBaseline(raw) + trimUrl(raw));

const ratio = (r: number) => `${r < 10 ? r.toFixed(2) : Math.round(r)}x`;
const fmt = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
console.log(`link trimming, median of ${runs} runs (old = quadratic baseline, new = lib/ingest/links.ts)`);
console.log(
  `${"input".padEnd(22)} ${"old".padStart(10)} ${"new".padStart(10)} ${"old/new".padStart(9)} ${"findUrls".padStart(10)}`,
);
for (const [name, text] of INPUTS) {
  if (trimAll(text, quadraticTrimBaseline) !== trimAll(text, trimUrl))
    throw new Error(`${name}: old and new trim differently`);
  const oldMs = time(() => trimAll(text, quadraticTrimBaseline));
  const newMs = time(() => trimAll(text, trimUrl));
  const findMs = time(() => findUrls(text));
  console.log(
    `${name.padEnd(22)} ${fmt(oldMs).padStart(10)} ${fmt(newMs).padStart(10)} ${ratio(oldMs / newMs).padStart(9)} ${fmt(findMs).padStart(10)}`,
  );
}
