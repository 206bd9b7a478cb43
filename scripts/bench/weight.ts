// npm run bench:weight -- [--url http://localhost:3000] [--database-url URL | --database NAME] [--slug SLUG]
// Page weight as a first visit receives it: the home page's and a paper page's HTML, raw and gzipped, and
// the JavaScript the first view loads (every <script src> in the page's HTML but the nomodule polyfills a
// modern browser skips, each gzipped, summed), with
// issue 14's targets printed as PASS or MISS. CSS and the inline scripts (the React payload) are printed
// beside them. Against a running server (--url, e.g. `npm start`), else it serves the production build
// (scripts/serve.ts, built first when stale) on the app's own catalogue, the sample digest when empty;
// `npm run bench:generate` makes a 100-paper digest to import. Prints figures, asserts nothing.
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { benchSite, firstPaperPathIn } from "../../lib/bench/web-server";

/** Issue 14, for a 100-paper digest. */
const TARGETS_KB = { home: 60, paper: 25, js: 120 };

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    "database-url": { type: "string" },
    database: { type: "string" },
    slug: { type: "string" },
  },
});
const root = process.cwd();
const log = (message: string) => console.error(`[bench:weight] ${message}`);
const kb = (bytes: number) =>
  `${(bytes / 1024).toLocaleString("en", { maximumFractionDigits: 1, minimumFractionDigits: 1 })} KB`;

/** The bytes of `path` as the server sends them before compression (what gzip is measured on). */
async function fetchBytes(base: string, path: string): Promise<Buffer> {
  const response = await fetch(new URL(path, base), {
    headers: { "accept-encoding": "identity" },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 6 }).length;

type Weight = {
  html: number;
  htmlGz: number;
  papersListed: number;
  scripts: { src: string; raw: number; gz: number }[];
  inlineScripts: number;
  inlineScriptsGz: number;
  css: { href: string; gz: number }[];
};

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? match[1]!.replaceAll("&amp;", "&") : null;
}

async function weigh(base: string, path: string): Promise<Weight> {
  const html = await fetchBytes(base, path);
  const text = html.toString("utf8");
  const srcs = new Set<string>();
  let inline = "";
  for (const match of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = attribute(match[0], "src");
    // Next's legacy polyfills (<script nomodule>): every browser that runs ES modules skips them.
    if (/\snomodule\b/i.test(match[1]!)) continue;
    if (src) srcs.add(src);
    else inline += match[2];
  }
  const scripts = await Promise.all(
    [...srcs].map(async (src) => {
      const bytes = await fetchBytes(base, src);
      return { src, raw: bytes.length, gz: gzipped(bytes) };
    }),
  );
  const hrefs = new Set<string>();
  for (const match of text.matchAll(/<link\b[^>]*>/g)) {
    if (attribute(match[0], "rel") === "stylesheet") hrefs.add(attribute(match[0], "href")!);
  }
  const css = await Promise.all([...hrefs].map(async (href) => ({ href, gz: gzipped(await fetchBytes(base, href)) })));
  const papers = new Set([...text.matchAll(/href="\/papers\/([^"?#]+)"/g)].map((match) => match[1]));
  return {
    html: html.length,
    htmlGz: gzipped(html),
    papersListed: papers.size,
    scripts,
    inlineScripts: Buffer.byteLength(inline),
    inlineScriptsGz: gzipped(Buffer.from(inline)),
    css,
  };
}

/** The first paper the home page links to, so the paper page weighed is one of the digest's. */
async function firstPaperPath(base: string): Promise<string> {
  if (values.slug) return `/papers/${encodeURIComponent(values.slug)}`;
  return firstPaperPathIn((await fetchBytes(base, "/")).toString("utf8"));
}

const verdict = (bytes: number, limitKb: number) =>
  `${bytes <= limitKb * 1024 ? "PASS" : "MISS"} (<= ${limitKb} KB gz)`;

function report(label: string, path: string, weight: Weight, htmlLimitKb: number): void {
  const jsRaw = weight.scripts.reduce((sum, script) => sum + script.raw, 0);
  const jsGz = weight.scripts.reduce((sum, script) => sum + script.gz, 0);
  const cssGz = weight.css.reduce((sum, sheet) => sum + sheet.gz, 0);
  console.log(`\n## ${label} ${path} (links to ${weight.papersListed} papers)`);
  console.log(
    `HTML                 ${kb(weight.html).padStart(10)} raw ${kb(weight.htmlGz).padStart(10)} gz  ${verdict(weight.htmlGz, htmlLimitKb)}`,
  );
  console.log(
    `  of it inline script ${kb(weight.inlineScripts).padStart(9)} raw ${kb(weight.inlineScriptsGz).padStart(10)} gz  (the React payload)`,
  );
  console.log(
    `JavaScript, ${String(weight.scripts.length).padStart(2)} files ${kb(jsRaw).padStart(10)} raw ${kb(jsGz).padStart(10)} gz  ${verdict(jsGz, TARGETS_KB.js)}`,
  );
  for (const script of [...weight.scripts].sort((a, b) => b.gz - a.gz)) {
    console.log(`  ${kb(script.gz).padStart(9)} gz  ${script.src}`);
  }
  console.log(`CSS, ${weight.css.length} file(s)                    ${kb(cssGz).padStart(10)} gz`);
}

let close = async () => undefined as void;
let exitCode = 0;
try {
  const site = await benchSite(
    { url: values.url, databaseUrl: values["database-url"], database: values.database },
    root,
    log,
  );
  close = site.close;
  const base = site.base;
  const paperPath = await firstPaperPath(base);
  const home = await weigh(base, "/");
  const paper = await weigh(base, paperPath);
  console.log(`# bench:weight — ${base}, gzip level 6 (what the server's compression sends is close)`);
  report("home", "/", home, TARGETS_KB.home);
  report("paper page", paperPath, paper, TARGETS_KB.paper);
  const jsGz = (weight: Weight) => weight.scripts.reduce((sum, script) => sum + script.gz, 0);
  console.log(
    `\nsummary: home ${kb(home.htmlGz)} gz ${verdict(home.htmlGz, TARGETS_KB.home)}; ` +
      `paper ${kb(paper.htmlGz)} gz ${verdict(paper.htmlGz, TARGETS_KB.paper)}; ` +
      `first-view JavaScript home ${kb(jsGz(home))} / paper ${kb(jsGz(paper))} gz ${verdict(Math.max(jsGz(home), jsGz(paper)), TARGETS_KB.js)}`,
  );
} catch (error) {
  console.error(`[bench:weight] failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
