// npx tsx scripts/bench/generate-digest.ts --papers N [--seed S] [--repeat-every K] [--link-ratio R] [--date-line "Apr 30"] OUT_FILE
import { parseArgs } from "node:util";
import { writeDigestFile } from "../../lib/bench/generate-digest";

const USAGE = `Usage: npx tsx scripts/bench/generate-digest.ts --papers N [--seed S] [--repeat-every K] [--link-ratio R] [--date-line TEXT] OUT_FILE

  --papers        papers to write, intentional repeats included (required)
  --seed          PRNG seed (default 1); the same seed gives the same file
  --repeat-every  every K-th paper repeats an earlier title (default 50, 0 = none)
  --link-ratio    share of abstracts ending with a link (default 0.5)
  --date-line     the digest's date line (default "Apr 30")`;

function fail(message: string): never {
  console.error(`generate-digest: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: {
      papers: { type: "string" },
      seed: { type: "string" },
      "repeat-every": { type: "string" },
      "link-ratio": { type: "string" },
      "date-line": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    fail(`--${name} must be a non-negative integer, got "${text}"`);
  return Number(text);
}

const papers = integer("papers", values.papers);
if (papers === undefined) fail("--papers is required");
if (positionals.length !== 1) fail(positionals.length === 0 ? "no OUT_FILE given" : "exactly one OUT_FILE, please");
const linkRatio = values["link-ratio"] === undefined ? undefined : Number(values["link-ratio"]);
if (linkRatio !== undefined && !(linkRatio >= 0 && linkRatio <= 1)) fail(`--link-ratio must be between 0 and 1`);

const outFile = positionals[0]!;
const started = process.hrtime.bigint();
const stats = await writeDigestFile(outFile, {
  papers,
  seed: integer("seed", values.seed),
  repeatEvery: integer("repeat-every", values["repeat-every"]),
  linkRatio,
  dateLine: values["date-line"],
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const mb = stats.bytes / 1e6;
console.log(`wrote ${outFile}`);
console.log(`bytes:         ${stats.bytes} (${mb.toFixed(1)} MB)`);
console.log(`papers:        ${stats.papers}`);
console.log(`unique papers: ${stats.uniquePapers}`);
console.log(`elapsed:       ${seconds.toFixed(2)} s (${(mb / seconds).toFixed(1)} MB/s)`);
