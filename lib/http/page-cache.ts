// The anonymous page cache of a web process: finished responses to signed-out GETs of public pages,
// kept in memory for a short time and replayed byte for byte. Rendering a page costs Node 10–20 ms
// of CPU however fast PostgreSQL answers, so without this one process serves well under 100 pages/s.
// Correctness comes from invalidation, not from the time limit: every committed catalogue change
// clears the cache of every web process (lib/http/catalogue-changes.ts), and while that channel is
// down the cache is off. Signed-in visitors, client-side navigations and mutations never touch it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { cacheKeyFor, canonicalCacheUrl, reducedEncoding } from "./cache-key";
import { createRenderBudget } from "./render-budget";
import { CACHE_STATUS_HEADER, recordResponse, type RecordedResponse } from "./response-recorder";
import { hasSessionCookie, sessionTokens, withoutSessionCookies } from "./session-cookie";

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

type Entry = RecordedResponse;

/** A visitor waiting for someone else's render of the same page gives up after this and renders for itself. */
const FOLLOWER_WAIT_MS = 3_000;
/** How long a miss may queue for the render budget before it is told to come back. */
const MISS_QUEUE_SECONDS = 2;

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
  const budget = options.missRendersPerSecond
    ? createRenderBudget(options.missRendersPerSecond, MISS_QUEUE_SECONDS)
    : null;

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
    res.writeHead(503, {
      "content-type": "text/plain; charset=utf-8",
      "retry-after": "1",
      "cache-control": "no-store",
      [CACHE_STATUS_HEADER]: "BUSY",
    });
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
    void recordResponse(res).then((entry) => {
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
    },
  };
}
