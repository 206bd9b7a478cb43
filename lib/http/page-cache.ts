// The anonymous page cache of a web process: finished responses to signed-out GETs of public pages,
// kept in memory for a short time and replayed byte for byte. Rendering a page costs Node 10–20 ms
// of CPU however fast PostgreSQL answers, so without this one process serves well under 100 pages/s.
// Correctness comes from invalidation, not from the time limit: every committed catalogue change
// clears the cache of every web process (lib/http/catalogue-changes.ts), and while that channel is
// down the cache is off. Signed-in visitors, client-side navigations and mutations never touch it.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { canonicalCacheUrl, isClientRouterRequest, reducedEncoding } from "./cache-key";
import { createRenderBudget } from "./render-budget";
import { hasSessionCookie, sessionTokens, withoutSessionCookies } from "./session-cookie";
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
  /**
   * Whether a session token is a signed-in person (lib/http/live-session.ts). Only then is a page rendered
   * for its sender; any other session cookie (empty, made up, expired) is served the anonymous page, so a
   * cookie cannot be used to force renders. Without it every session cookie counts as signed in.
   */
  isLiveSession?: (token: string) => Promise<boolean>;
  /** Renders forced by misses, per second (PAGE_CACHE_MISS_RENDERS_PER_SECOND); unbounded when unset. */
  missRendersPerSecond?: number;
};

type Entry = { status: number; headers: OutgoingHttpHeaders; body: Buffer; storedAt: number };

/** A visitor waiting for someone else's render of the same page gives up after this and renders for itself. */
const FOLLOWER_WAIT_MS = 3_000;
/** Larger responses are served but not kept (a huge digest page would crowd out everything else). */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
/** Per-connection headers of the original response that must not be replayed. */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);
/** How long a miss may queue for the render budget before it is told to come back. */
const MISS_QUEUE_SECONDS = 2;

export const CACHE_STATUS_HEADER = "x-page-cache";

/**
 * The cache key of a request for a public page, or null when it must be rendered for its sender
 * (not a GET, not a cacheable route, Next's router asking for something other than HTML). Session
 * cookies are decided separately (they need the database): see `handle`.
 */
export function cacheKeyFor(req: IncomingMessage): string | null {
  if (req.method !== "GET" || isClientRouterRequest(req)) return null;
  const url = canonicalCacheUrl(req.url ?? "/");
  if (url === null) return null;
  // The body may be compressed for this client, and Next renders metadata differently for some crawlers
  // (link previews need it in <head>). The host is not part of it: the web server pins it (lib/http/forwarded.ts).
  const bot = getBotType(String(req.headers["user-agent"] ?? "")) ?? "";
  return [reducedEncoding(req.headers["accept-encoding"]), bot, url].join("\n");
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
  const budget = options.missRendersPerSecond ? createRenderBudget(options.missRendersPerSecond, MISS_QUEUE_SECONDS) : null;

  /** True when the request carries a live session; otherwise its session cookies are dropped. */
  async function isSignedIn(req: IncomingMessage): Promise<boolean> {
    if (!hasSessionCookie(req.headers.cookie)) return false;
    if (!options.isLiveSession) return true;
    for (const token of sessionTokens(req.headers.cookie)) if (await options.isLiveSession(token)) return true;
    const rest = withoutSessionCookies(req.headers.cookie);
    if (rest === undefined) delete req.headers.cookie;
    else req.headers.cookie = rest;
    return false;
  }

  function busy(res: ServerResponse): void {
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1", "cache-control": "no-store", [CACHE_STATUS_HEADER]: "BUSY" });
    res.end("The server is busy rendering pages. Try again in a second.\n");
  }

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
      if (key === null || (await isSignedIn(req))) {
        res.setHeader(CACHE_STATUS_HEADER, "BYPASS");
        return handler(req, res);
      }
      // Next renders exactly what the key names: the kept parameters and the one encoding.
      req.url = canonicalCacheUrl(req.url ?? "/")!;
      req.headers["accept-encoding"] = reducedEncoding(req.headers["accept-encoding"]);
      const hit = entries.get(key);
      if (hit) return replay(res, hit);
      const pending = inFlight.get(key);
      if (pending) {
        options.onFollow?.();
        const entry = await waitFor(pending);
        if (entry) return replay(res, entry);
      }
      if (budget && !(await budget.take())) return busy(res);
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
