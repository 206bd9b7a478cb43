// npm run bench:weight -- [--url http://localhost:3000] [--database-url URL | --database NAME] [--slug SLUG]
// Page weight as a first visit receives it: the home page's and a paper page's HTML, raw and gzipped, and
// the JavaScript the first view loads (every <script src> in the page's HTML but the nomodule polyfills a
// modern browser skips, each gzipped, summed), with
// issue 14's targets printed as PASS or MISS. Beside the gzip figure, that JavaScript "as sent (br)": the
// bytes the server sends a browser asking with `accept-encoding: gzip, deflate, br` (the web server sends
// static files with brotli once its background compression has reached them, so each file is asked again
// until it comes with br, for up to 30 s). CSS and the inline scripts (the React payload) are printed
// beside them. Against a running server (--url, e.g. `npm start`), else it serves the production build
// (scripts/serve.ts, built first when stale) on the app's own catalogue, the sample digest when empty;
// `npm run bench:generate` makes a 100-paper digest to import. Prints figures, asserts nothing.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { firstPaperPathIn, runPageBench } from "../../lib/bench/web-server";

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

/**
 * The framework's share of a page's JavaScript: the build's rootMainFiles (.next/build-manifest.json),
 * the scripts every page of an App Router build loads whatever the page holds (React, the router, the
 * bundler's runtime). None of our code is in them: the rest is ours. Empty when there is no local build.
 */
function frameworkFiles(): Set<string> {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, ".next", "build-manifest.json"), "utf8")) as {
      rootMainFiles?: string[];
    };
    return new Set((manifest.rootMainFiles ?? []).map((file) => `/_next/${file}`));
  } catch {
    return new Set();
  }
}
const FRAMEWORK = frameworkFiles();
const frameworkGz = (weight: Weight) =>
  weight.scripts
    .filter((script) => FRAMEWORK.has(script.src.split("?")[0]!))
    .reduce((sum, script) => sum + script.gz, 0);

const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 6 }).length;

/** What a browser asks for. */
const BROWSER_ENCODINGS = "gzip, deflate, br";
/** How long the server may take to have every script's brotli copy ready. */
const BROTLI_WAIT_MS = 30_000;

type Sent = { bytes: number; encoding: string };

/** The body bytes `path` takes on the wire when a browser asks for it (fetch would decode them), and its encoding. */
function fetchAsSent(base: string, path: string): Promise<Sent> {
  const url = new URL(path, base);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { headers: { "accept-encoding": BROWSER_ENCODINGS } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () => {
        if ((response.statusCode ?? 0) >= 400) reject(new Error(`${path} answered ${response.statusCode}`));
        else resolve({ bytes, encoding: String(response.headers["content-encoding"] ?? "identity") });
      });
      response.on("error", reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`${path}: no answer in 30 s`)));
    request.on("error", reject);
  });
}

/** As sent once it comes with br, or as sent when `deadline` passes first (a server that never sends br). */
async function sentOnceBrotli(base: string, path: string, deadline: number): Promise<Sent> {
  for (;;) {
    const sent = await fetchAsSent(base, path);
    if (sent.encoding === "br" || Date.now() > deadline) return sent;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

type Weight = {
  html: number;
  htmlGz: number;
  papersListed: number;
  scripts: { src: string; raw: number; gz: number; sent: Sent }[];
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
  const deadline = Date.now() + BROTLI_WAIT_MS;
  const scripts = await Promise.all(
    [...srcs].map(async (src) => {
      const bytes = await fetchBytes(base, src);
      return { src, raw: bytes.length, gz: gzipped(bytes), sent: await sentOnceBrotli(base, src, deadline) };
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

const jsSent = (weight: Weight) => weight.scripts.reduce((sum, script) => sum + script.sent.bytes, 0);

/** The encodings the scripts came with when not all br, e.g. " (2 gzip, 10 br)". */
function encodingsNote(weight: Weight): string {
  const counts = new Map<string, number>();
  for (const script of weight.scripts) counts.set(script.sent.encoding, (counts.get(script.sent.encoding) ?? 0) + 1);
  if (counts.size === 1 && counts.has("br")) return "";
  return ` (${[...counts].map(([encoding, count]) => `${count} ${encoding}`).join(", ")})`;
}

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
  if (FRAMEWORK.size > 0) {
    console.log(
      `  of it the framework               ${kb(frameworkGz(weight)).padStart(10)} gz  (build-manifest rootMainFiles; ours ${kb(jsGz - frameworkGz(weight))})`,
    );
  }
  console.log(
    `  as sent (br)                      ${kb(jsSent(weight)).padStart(10)} sent (accept-encoding: ${BROWSER_ENCODINGS})${encodingsNote(weight)}`,
  );
  for (const script of [...weight.scripts].sort((a, b) => b.gz - a.gz)) {
    const sent = `${kb(script.sent.bytes)} ${script.sent.encoding}`;
    console.log(`  ${kb(script.gz).padStart(9)} gz ${sent.padStart(15)} sent  ${script.src}`);
  }
  console.log(`CSS, ${weight.css.length} file(s)                    ${kb(cssGz).padStart(10)} gz`);
}

function nextVersion(): string {
  return (
    JSON.parse(readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }
  ).version;
}

const choice = { url: values.url, databaseUrl: values["database-url"], database: values.database };
await runPageBench("bench:weight", choice, root, log, async (base) => {
  const paperPath = await firstPaperPath(base);
  const home = await weigh(base, "/");
  const paper = await weigh(base, paperPath);
  console.log(
    `# bench:weight — ${base}, gzip level 6 (close to what the server's gzip sends); JavaScript also as sent to a browser (br)`,
  );
  report("home", "/", home, TARGETS_KB.home);
  report("paper page", paperPath, paper, TARGETS_KB.paper);
  const jsGz = (weight: Weight) => weight.scripts.reduce((sum, script) => sum + script.gz, 0);
  console.log(
    `\nsummary: home ${kb(home.htmlGz)} gz ${verdict(home.htmlGz, TARGETS_KB.home)}; ` +
      `paper ${kb(paper.htmlGz)} gz ${verdict(paper.htmlGz, TARGETS_KB.paper)}; ` +
      `first-view JavaScript home ${kb(jsGz(home))} / paper ${kb(jsGz(paper))} gz ${verdict(Math.max(jsGz(home), jsGz(paper)), TARGETS_KB.js)}, ` +
      `as sent (br) home ${kb(jsSent(home))}${encodingsNote(home)} / paper ${kb(jsSent(paper))}${encodingsNote(paper)}`,
  );
  if (FRAMEWORK.size > 0) {
    console.log(
      `framework floor: ${kb(frameworkGz(home))} gz of it is Next ${nextVersion()}'s root files, loaded by every page ` +
        `of this build whatever it holds; the ${TARGETS_KB.js} KB target is ${frameworkGz(home) > TARGETS_KB.js * 1024 ? "below" : "above"} that floor`,
    );
  }
  return true;
});
