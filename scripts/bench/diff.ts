// npm run bench:diff -- [--runs 7]
// Times the import preview's abstract diff (lib/admin-import/diff.ts diffWords) on a normal edit, on the
// largest texts that still get a word-level table, and on texts large enough to fall back to
// "all removed, all added". Prints the median and slowest run per input; asserts nothing.
import { parseArgs } from "node:util";
import { diffWords } from "../../lib/admin-import/diff";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error("--runs must be a positive integer, e.g. --runs 7");
  process.exit(2);
}

const words = (count: number, word: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => word(i)).join(" ");
const ABSTRACT =
  "We present a video diffusion model that generates long clips with consistent characters. " +
  "A memory of past frames guides each new segment, and a small adapter keeps identities stable. " +
  "On three benchmarks it improves temporal consistency by 12% at the same cost. Code: https://github.com/a/b.";
const INPUTS: [string, string, string][] = [
  ["normal abstract, one word changed", ABSTRACT, ABSTRACT.replace("three", "four")],
  // 990 words and 989 spaces a side: 1,980 x 1,980 cells, just under the fallback's 4,000,000.
  [
    "990 words a side, every other word changed",
    words(990, (i) => `w${i}`),
    words(990, (i) => (i % 2 ? `x${i}` : `w${i}`)),
  ],
  ["5,000 different words a side (fallback)", words(5000, (i) => `old${i}`), words(5000, (i) => `new${i}`)],
];

const fmt = (ms: number) => ms.toLocaleString("en", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
console.log(`diffWords, ${runs} runs each (ms)`);
for (const [label, before, after] of INPUTS) {
  diffWords(before, after); // warm-up: the first call compiles the loops
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const parts = diffWords(before, after);
    times.push(performance.now() - started);
    if (parts.length === 0 && before !== after) throw new Error(`no diff for ${label}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(46)} median ${fmt(times[Math.floor(times.length / 2)]!).padStart(8)}   max ${fmt(times.at(-1)!).padStart(8)}`,
  );
}
