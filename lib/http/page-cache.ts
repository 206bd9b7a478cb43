// The anonymous page cache of a web process: finished responses to signed-out GETs of public pages,
// kept in memory for a short time and replayed byte for byte. Rendering a page costs Node 10–20 ms
// of CPU however fast PostgreSQL answers, so without this one process serves well under 100 pages/s.
// Correctness comes from invalidation, not from the time limit: every committed catalogue change
// clears the cache of every web process (lib/http/catalogue-changes.ts), and while that channel is
// down the cache is off. Signed-in visitors, client-side navigations and mutations never touch it.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
// Next's own test for the crawlers it renders differently (metadata in <head> for HTML-limited bots).
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export type PageCacheOptions = {
  /** How long an entry may be replayed without a catalogue change; 0 turns the cache off. */
  ttlMs: number;
  /** Memory bound for all entries (bodies and headers). */
  maxBytes: number;
  /** The clock entry lifetimes are measured on, in ms (tests pass their own); performance.now by default. */
  now?: () => number;
  /** Told each time a visitor starts waiting for another visitor's render of the same page (tests count them). */
  onFollow?: () => void;
};

type Entry = { status: number; headers: OutgoingHttpHeaders; body: Buffer; storedAt: number };

/** Public, anonymous pages and feeds; everything else (accounts, admin, auth, mutations) goes straight through. */
const CACHEABLE_PATH = /^\/(?:$|digests\/|papers\/[^/]+$|search$|search\/feed\.xml$|tags(?:$|\/)|feed\.xml$|api\/papers(?:$|\/[^/]+$))/;
/** The session cookie Auth.js sets (with the __Secure- prefix on https). Pages render per person with it. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-|__Host-)?authjs\.session-token=/;
/** Headers of Next's client-side navigation, prefetch and server-action requests: their answers are not the HTML page. */
const CLIENT_ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-action", "next-url"];
/** A visitor waiting for someone else's render of the same page gives up after this and renders for itself. */
const FOLLOWER_WAIT_MS = 3_000;
/** Dot segments (plain or encoded): Next normalizes them, so `/tags/../me` would be `/me`. */
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){2}(?:\/|$)/i;
/** Larger responses are served but not kept (a huge digest page would crowd out everything else). */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
/** Per-connection headers of the original response that must not be replayed. */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);

export const CACHE_STATUS_HEADER = "x-page-cache";

/** The cache key, or null when this request must be rendered for its sender. */
export function cacheKeyFor(req: IncomingMessage): string | null {
  if (req.method !== "GET") return null;
  const url = req.url ?? "";
  const path = url.split("?", 1)[0]!;
  if (!CACHEABLE_PATH.test(path) || DOT_SEGMENT.test(path)) return null;
  if (SESSION_COOKIE.test(req.headers.cookie ?? "")) return null;
  if (CLIENT_ROUTER_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
  // Pages build absolute links from the host they were asked on (lib/api/site-url.ts), the body may be
  // compressed for this client, and Next renders metadata differently for some crawlers (link previews
  // need it in <head>): all part of what was rendered.
  const h = req.headers;
  const bot = getBotType(String(h["user-agent"] ?? "")) ?? "";
  return [h.host, h["x-forwarded-host"], h["x-forwarded-proto"], h["accept-encoding"], bot, url].map((part) => String(part ?? "")).join("\n");
}

export type PageCache = {
  /** Answers from the cache when it can, else lets `handler` render and keeps what it may. */
  handle(req: IncomingMessage, res: ServerResponse, handler: Handler): Promise<void>;
  clear(): void;
  /** Off while catalogue changes cannot be heard: a stale page could otherwise live for the whole TTL. */
  setEnabled(enabled: boolean): void;
};

export function createPageCache(options: PageCacheOptions): PageCache {
  const entries = new LRUCache<string, Entry>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (entry) => entry.body.length + 512,
    ttl: Math.max(1, options.ttlMs),
    // lru-cache reuses a clock reading for 1 ms of real time; a clock of our own is read every time.
    ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
  });
  // One render per key at a time: the other visitors asking for the same page wait for it.
  const inFlight = new Map<string, Promise<Entry | null>>();
  let enabled = options.ttlMs > 0;
  // Bumped by clear(): a render that started before a change must not store what it saw.
  let generation = 0;

  function replay(res: ServerResponse, entry: Entry): void {
    res.writeHead(entry.status, {
      ...entry.headers,
      "content-length": entry.body.length,
      age: String(Math.floor((Date.now() - entry.storedAt) / 1000)),
      [CACHE_STATUS_HEADER]: "HIT",
    });
    res.end(entry.body);
  }

  async function render(key: string, req: IncomingMessage, res: ServerResponse, handler: Handler): Promise<void> {
    const startedIn = generation;
    let settle!: (entry: Entry | null) => void;
    const pending = new Promise<Entry | null>((resolve) => (settle = resolve));
    inFlight.set(key, pending);
    const forget = () => inFlight.get(key) === pending && inFlight.delete(key);
    res.setHeader(CACHE_STATUS_HEADER, "MISS");
    // Settled when the handler hands over its last byte, not when this visitor has downloaded it: a slow
    // reader must not hold up everyone waiting for the same page.
    void captureResponse(res).then((entry) => {
      const keep = entry && startedIn === generation && enabled ? entry : null;
      if (keep) entries.set(key, keep);
      settle(keep);
      forget();
    });
    try {
      await handler(req, res);
    } catch (error) {
      settle(null);
      forget();
      throw error;
    }
  }

  /** The leader's entry, or null when it is not kept or takes longer than FOLLOWER_WAIT_MS. */
  function waitFor(pending: Promise<Entry | null>): Promise<Entry | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FOLLOWER_WAIT_MS)));
    return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
  }

  function clear(): void {
    generation++;
    entries.clear();
  }

  return {
    async handle(req, res, handler) {
      if (!enabled) {
        res.setHeader(CACHE_STATUS_HEADER, "OFF");
        return handler(req, res);
      }
      const key = cacheKeyFor(req);
      if (key === null) {
        res.setHeader(CACHE_STATUS_HEADER, "BYPASS");
        return handler(req, res);
      }
      const hit = entries.get(key);
      if (hit) return replay(res, hit);
      const pending = inFlight.get(key);
      if (pending) {
        options.onFollow?.();
        const entry = await waitFor(pending);
        if (entry) return replay(res, entry);
      }
      return render(key, req, res, handler);
    },
    clear,
    setEnabled(next) {
      if (!next) clear();
      enabled = next && options.ttlMs > 0;
    }
  };
}

/**
 * Records what a handler sends through `res` (status, headers, body bytes as written, so already
 * compressed when the handler compressed) while it still streams to the client. Resolves when the
 * handler ends the response: the entry when it may be replayed to anyone, else null.
 */
function captureResponse(res: ServerResponse): Promise<Entry | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooBig = false;
  const headHeaders: OutgoingHttpHeaders = {};
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    bytes += buffer.length;
    if (bytes > MAX_ENTRY_BYTES) {
      tooBig = true;
      chunks.length = 0;
    } else {
      // A copy: the writer may reuse its buffer after write() returns.
      chunks.push(Buffer.from(buffer));
    }
  };

  const originalWriteHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    // writeHead(status, headers) and writeHead(status, reason, headers): headers passed here are not
    // visible through getHeaders() afterwards.
    const headers = args.find((arg, index) => index > 0 && typeof arg === "object" && arg !== null);
    if (headers && !Array.isArray(headers)) Object.assign(headHeaders, lowerCaseKeys(headers as OutgoingHttpHeaders));
    return (originalWriteHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
  const originalWrite = res.write;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  let done!: (entry: Entry | null) => void;
  const captured = new Promise<Entry | null>((resolve) => (done = resolve));
  const originalEnd = res.end;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    const result = (originalEnd as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    // Everything is written (compressed, when compression wraps us): the entry is complete now,
    // however long this visitor takes to download it.
    const headers = { ...lowerCaseKeys(res.getHeaders()), ...headHeaders };
    const replayable = res.statusCode === 200 && !tooBig && headers["set-cookie"] === undefined && !res.destroyed;
    if (!replayable) {
      done(null);
    } else {
      for (const name of NOT_REPLAYED) delete headers[name];
      delete headers[CACHE_STATUS_HEADER];
      done({ status: res.statusCode, headers, body: Buffer.concat(chunks), storedAt: Date.now() });
    }
    return result;
  } as ServerResponse["end"];
  // A visitor who leaves before the response is written: nothing to keep.
  res.once("close", () => done(null));
  return captured;
}

function lowerCaseKeys(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
