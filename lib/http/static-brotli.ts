// Brotli for the build's static files (/_next/static): Next sends them with gzip only, and Next's and React's
// chunks, most of a first view's JavaScript, are about 14% smaller at brotli quality 11. Quality 11 is slow
// (1.3 s for the largest chunk on a slow core), so no request waits for it: each process compresses the
// whole directory in the background when it starts, one file at a time (zlib's async calls run on libuv's
// four threads, which Next's own file reads share), and until a file's copy is ready Next answers with
// gzip as before; a file the start did not reach (the memory bound, a file added since) is queued by its
// first request. Files under .next/static are named by their content and never change for a build, so a
// copy stays good for the life of the process.
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress as brotliCompressCallback, constants } from "node:zlib";
import { LRUCache } from "lru-cache";
import { acceptsCoding } from "./accept-encoding";

const brotliCompress = promisify(brotliCompressCallback);

const PREFIX = "/_next/static/";

/** The types worth compressing, as Next labels them; images and fonts are compressed already. */
const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=UTF-8",
  ".mjs": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".map": "application/json; charset=UTF-8",
  ".txt": "text/plain; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/** What Next sends for its hashed static files. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** Larger files are left to Next's gzip: quality 11 on them would hold a thread for many seconds. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Files waiting for compression; requests for more (a flood of made-up names) queue nothing. */
const MAX_QUEUED = 256;

type Copy = { body: Buffer; rawBytes: number; type: string; etag: string; lastModified: string };
/** `body: null`: the file is served by Next (too large, or brotli does not make it smaller). */
type Entry = Copy | { body: null };

export type StaticBrotliOptions = {
  /** The build's static directory (`<project>/.next/static`). */
  dir: string;
  /** Memory bound for the compressed copies; 32 MB by default. */
  maxBytes?: number;
  log(message: string): void;
};

export type StaticBrotli = {
  /** Answers a GET or HEAD of a static file with its brotli copy when the client takes br and the copy is ready. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Compresses every compressible file of the directory, one at a time, until done or half the bound is used. */
  warmUp(): Promise<void>;
  /** Stops the warm-up and queues nothing more. */
  close(): void;
};

/**
 * The file a URL names, relative to the static directory, or null when it is not one: outside /_next/static,
 * not decodable, or with an empty, `.` or `..` segment (plain or encoded), a backslash or a NUL.
 */
function staticPathOf(url: string): string | null {
  const end = url.search(/[?#]/);
  const pathname = end === -1 ? url : url.slice(0, end);
  if (!pathname.startsWith(PREFIX)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname.slice(PREFIX.length));
  } catch {
    return null;
  }
  const segments = decoded.split("/");
  const unsafe = (segment: string) =>
    segment === "" || segment === "." || segment === ".." || segment.includes("\\") || segment.includes("\0");
  return segments.some(unsafe) ? null : segments.join("/");
}

const contentTypeOf = (relative: string) => CONTENT_TYPES[path.posix.extname(relative).toLowerCase()];

export function createStaticBrotli(options: StaticBrotliOptions): StaticBrotli {
  const root = path.resolve(options.dir);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const copies = new LRUCache<string, Entry>({
    maxSize: Math.max(1, maxBytes),
    sizeCalculation: (entry) => (entry.body?.length ?? 0) + 256,
  });
  // One compression per file, however many requests ask for it while it runs; one file at a time overall.
  const pending = new Map<string, Promise<void>>();
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  // Symbolic links may not lead a request out of the directory: files are checked against its real path.
  let realRoot: Promise<string | null> | undefined;

  async function compress(relative: string): Promise<void> {
    realRoot ??= realpath(root).catch(() => null);
    const base = await realRoot;
    if (base === null) return;
    let real: string;
    try {
      real = await realpath(path.join(base, relative));
    } catch {
      return; // no such file: Next answers 404
    }
    if (!real.startsWith(base + path.sep)) return;
    const info = await stat(real);
    if (!info.isFile() || info.size > MAX_FILE_BYTES) {
      copies.set(relative, { body: null });
      return;
    }
    const raw = await readFile(real);
    const body = await brotliCompress(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    if (body.length >= raw.length) {
      copies.set(relative, { body: null });
      return;
    }
    copies.set(relative, {
      body,
      rawBytes: raw.length,
      type: contentTypeOf(relative)!,
      // The weak ETag Next's static server (`send`) derives from size and mtime: a revalidation of either copy matches.
      etag: `W/"${info.size.toString(16)}-${info.mtime.getTime().toString(16)}"`,
      lastModified: info.mtime.toUTCString(),
    });
  }

  function queue(relative: string): Promise<void> {
    const waiting = pending.get(relative);
    if (waiting) return waiting;
    if (closed || pending.size >= MAX_QUEUED) return Promise.resolve();
    const job = tail
      .then(() => (closed ? undefined : compress(relative)))
      .catch((error: Error) => options.log(`brotli for ${PREFIX}${relative} failed: ${error.message}`))
      .finally(() => pending.delete(relative));
    tail = job;
    pending.set(relative, job);
    return job;
  }

  function send(req: IncomingMessage, res: ServerResponse, copy: Copy): void {
    res.writeHead(200, {
      "content-type": copy.type,
      "content-encoding": "br",
      "content-length": copy.body.length,
      "cache-control": IMMUTABLE,
      vary: "Accept-Encoding",
      etag: copy.etag,
      "last-modified": copy.lastModified,
    });
    res.end(req.method === "HEAD" ? undefined : copy.body);
  }

  return {
    handle(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const url = req.url ?? "/";
      if (!url.startsWith(PREFIX)) return false;
      // Ranges and revalidations (rare for immutable files) are Next's, as before.
      const headers = req.headers;
      if (headers.range !== undefined || headers["if-none-match"] !== undefined) return false;
      if (headers["if-modified-since"] !== undefined) return false;
      if (!acceptsCoding(headers["accept-encoding"], "br")) return false;
      const relative = staticPathOf(url);
      if (relative === null || !contentTypeOf(relative)) return false;
      const entry = copies.get(relative);
      if (entry?.body) {
        send(req, res, entry);
        return true;
      }
      if (!entry) void queue(relative);
      return false;
    },

    async warmUp() {
      const started = performance.now();
      let names: string[];
      try {
        names = await readdir(root, { recursive: true });
      } catch {
        return; // no build: Next says so on the first page
      }
      const files = names
        .map((name) => name.split(path.sep).join("/"))
        .filter((name) => contentTypeOf(name))
        .sort();
      for (const file of files) {
        if (closed || copies.calculatedSize >= maxBytes / 2) break;
        await queue(file);
      }
      if (closed) return;
      let count = 0;
      let raw = 0;
      let compressed = 0;
      for (const entry of copies.values()) {
        if (!entry.body) continue;
        count++;
        raw += entry.rawBytes;
        compressed += entry.body.length;
      }
      const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      options.log(`brotli copies of ${count} static files ready in ${seconds} s (${kb(raw)} -> ${kb(compressed)})`);
    },

    close() {
      closed = true;
    },
  };
}
