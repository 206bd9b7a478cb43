// The web process sends the build's static files with brotli to clients that take it, and leaves every
// other request for them to Next: a real server on a temporary static directory, with a stand-in for Next
// that serves the same files with gzip or as they are (as Next does) and 404 for anything else.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveWithPageCache, type WebServer } from "../../lib/http/web-server";
import { setUpTestDatabase } from "../support/database";
import { until } from "./helpers/catalogue-notices";

const database = setUpTestDatabase();

/** A chunk much like Next's: many small functions, compressible. */
function someScript(lines: number): Buffer {
  const body = Array.from(
    { length: lines },
    (_, i) => `function f${i}(a,b){return a.map((x)=>x*${i}+b).filter(Boolean).join("${i % 7}")}`,
  );
  return Buffer.from(`(self.TURBOPACK=self.TURBOPACK||[]).push(["Video-MME 🎥 ünïcödé"]);\n${body.join("\n")}\n`);
}

/** The files under .next/static, by URL: the stand-in serves exactly these. */
const files = new Map<string, Buffer>();
const APP = "/_next/static/chunks/app.js";
const CSS = "/_next/static/css/site.css";
const FONT = "/_next/static/media/font.woff2";

let root: string;
let staticDir: string;
let server: WebServer;

/** Next's answer for a static file: gzip when accepted, else the bytes; 404 for anything not in `files`. */
function nextStandIn(req: http.IncomingMessage, res: http.ServerResponse): void {
  const bytes = files.get((req.url ?? "").split("?")[0]!);
  res.setHeader("x-answered-by", "next");
  if (!bytes) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("not found");
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? gzipSync(bytes) : bytes;
  res.writeHead(200, {
    "content-type": "application/javascript; charset=UTF-8",
    "cache-control": "public, max-age=31536000, immutable",
    vary: "Accept-Encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** One request with the path sent exactly as written (fetch would resolve `..` before sending). */
function send(target: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ hostname, port, path: target, method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const BROWSER = { "accept-encoding": "gzip, deflate, br, zstd" };

/** Waits for the process's background compression to reach `target`. */
async function untilBrotli(target: string): Promise<Answer> {
  let answer!: Answer;
  await until(async () => {
    answer = await send(target, BROWSER);
    return answer.headers["content-encoding"] === "br";
  }, `a brotli copy of ${target}`);
  return answer;
}

/**
 * Waits until every compression queued so far is done: they run one at a time in order, so a file queued
 * now gets its copy after them.
 */
async function untilQueueDrained(): Promise<void> {
  const marker = `/_next/static/chunks/marker-${randomBytes(4).toString("hex")}.js`;
  await addFile(marker, someScript(50));
  await untilBrotli(marker);
}

async function addFile(url: string, bytes: Buffer): Promise<void> {
  const file = path.join(staticDir, url.slice("/_next/static/".length));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  files.set(url, bytes);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "pp-static-brotli-"));
  staticDir = path.join(root, ".next", "static");
  await addFile(APP, someScript(2000));
  await addFile(CSS, Buffer.from(".card{margin:0 auto;padding:1rem}\n".repeat(200)));
  await addFile(FONT, randomBytes(4096));
  // Files a request must never reach: beside the static directory, and behind a link inside it.
  await writeFile(path.join(root, "package.json"), JSON.stringify({ name: "secret", pad: "x".repeat(4000) }));
  await writeFile(path.join(root, ".next", "secret.js"), someScript(100));
  await symlink(path.join(root, ".next", "secret.js"), path.join(staticDir, "chunks", "link.js"));
  server = await serveWithPageCache({
    port: 0,
    hostname: "127.0.0.1",
    databaseUrl: database.url,
    cache: { ttlMs: 0, maxBytes: 1024 * 1024 },
    handler: nextStandIn,
    staticDir,
    log: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("static files with brotli", () => {
  it("a browser that takes br gets the file brotli-compressed, its exact bytes once decoded, with Next's static headers", async () => {
    const answer = await untilBrotli(APP);
    expect(answer.status).toBe(200);
    expect(brotliDecompressSync(answer.body).equals(files.get(APP)!)).toBe(true);
    expect(answer.body.length).toBeLessThan(gzipSync(files.get(APP)!, { level: 6 }).length);
    expect(answer.headers).toMatchObject({
      "content-type": "application/javascript; charset=UTF-8",
      "cache-control": "public, max-age=31536000, immutable",
      vary: "Accept-Encoding",
      "content-length": String(answer.body.length),
      // The web server's security headers come with it.
      "x-content-type-options": "nosniff",
    });
    expect(answer.headers.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(answer.headers["x-answered-by"]).toBeUndefined();

    const css = await untilBrotli(`${CSS}?dpl=build-1`);
    expect(css.headers["content-type"]).toBe("text/css; charset=UTF-8");
    expect(brotliDecompressSync(css.body).equals(files.get(CSS)!)).toBe(true);
  });

  it("requests that do not take br (gzip, identity, no header, br;q=0) get Next's answer as before", async () => {
    await untilBrotli(APP);
    const cases: [Record<string, string>, string | undefined][] = [
      [{ "accept-encoding": "gzip, deflate" }, "gzip"],
      [{ "accept-encoding": "gzip, deflate, br;q=0" }, "gzip"],
      [{ "accept-encoding": "br;q=0.0, gzip;q=0.8" }, "gzip"],
      [{ "accept-encoding": "identity" }, undefined],
      [{}, undefined],
    ];
    for (const [headers, encoding] of cases) {
      const answer = await send(APP, headers);
      const label = JSON.stringify(headers);
      expect(answer.headers["x-answered-by"], label).toBe("next");
      expect(answer.headers["content-encoding"], label).toBe(encoding);
    }
    // Any spelling that allows br does take it.
    for (const accept of ["BR", "br;q=0.5, gzip", "*", "gzip;q=1, *;q=0.1"]) {
      expect((await send(APP, { "accept-encoding": accept })).headers["content-encoding"], accept).toBe("br");
    }
  });

  it("HEAD gets the brotli copy's headers and no body; other methods are Next's", async () => {
    const get = await untilBrotli(APP);
    const head = await send(APP, BROWSER, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
    expect(head.body.length).toBe(0);
    const post = await send(APP, BROWSER, "POST");
    expect(post.headers["x-answered-by"]).toBe("next");
  });

  it("paths that climb out of the static directory, plain, encoded or through a link, never get a file from outside", async () => {
    await untilBrotli(APP);
    const escapes = [
      "/_next/static/../../package.json",
      "/_next/static/%2e%2e/%2e%2e/package.json",
      "/_next/static/%2E%2E%2F%2E%2E%2Fpackage.json",
      "/_next/static/chunks/..%2f..%2f..%2fpackage.json",
      "/_next/static/../secret.js",
      "/_next/static/%2e%2e/secret.js",
      "/_next/static/chunks/..%5c..%5csecret.js",
      "/_next/static/chunks/link.js",
    ];
    // Twice: the first request of a file queues its compression, the second would find the copy.
    for (let round = 0; round < 2; round++) {
      for (const target of escapes) {
        const answer = await send(target, BROWSER);
        expect(answer.headers["content-encoding"], target).not.toBe("br");
        expect(answer.status, target).toBe(404);
        expect(answer.headers["x-answered-by"], target).toBe("next");
      }
      await untilQueueDrained();
    }
  });

  it("an unknown file falls through to Next's 404, and a font (already compressed) is Next's", async () => {
    await untilBrotli(APP);
    for (let round = 0; round < 2; round++) {
      const missing = await send("/_next/static/chunks/no-such-chunk.js", BROWSER);
      expect(missing.status).toBe(404);
      expect(missing.headers["x-answered-by"]).toBe("next");
      const font = await send(FONT, BROWSER);
      expect(font.headers["x-answered-by"]).toBe("next");
      expect(font.headers["content-encoding"]).toBe("gzip");
      await untilQueueDrained();
    }
  });

  it("a file the start-up compression did not see goes out with gzip first, then with brotli once compressed", async () => {
    await untilBrotli(APP);
    const late = "/_next/static/chunks/late.js";
    await addFile(late, someScript(300));
    const first = await send(late, BROWSER);
    expect(first.headers["x-answered-by"]).toBe("next");
    expect(first.headers["content-encoding"]).toBe("gzip");
    const answer = await untilBrotli(late);
    expect(brotliDecompressSync(answer.body).equals(files.get(late)!)).toBe(true);
  });
});
