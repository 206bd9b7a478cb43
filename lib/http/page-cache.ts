// The page cache of a web process: finished responses to GETs of public pages, kept in memory for a short
// time and replayed byte for byte to everyone, signed in or not. Rendering a page costs Node 10–20 ms of CPU
// however fast PostgreSQL answers, so without this one process serves well under 100 pages/s. Public pages
// never read the session (what is personal comes from /api/me/state, lib/http/personal-state.ts), and the
// session cookie is taken off before Next renders one, so the bytes are the same for every reader.
// Correctness comes from invalidation, not from the time limit: every committed catalogue change reaches
// every web process (lib/http/catalogue-changes.ts) and clears the pages that show it (a paper, a tag, or
// everything for an import); while that channel is down the cache is off. Ranked lists (trending, top) move
// with every vote, which announces nothing: they live RANKED_TTL_MS. Client navigations, mutations and
// personal pages never touch it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { LRUCache } from "lru-cache";
import { cacheKeyFor, canonicalCacheUrl, reducedEncoding } from "./cache-key";
import type { CatalogueNotice } from "./catalogue-notice";
import { subjectsOf, type EntrySubjects } from "./entry-subjects";
import { createRenderBudget } from "./render-budget";
import { CACHE_STATUS_HEADER, recordResponse, type RecordedResponse } from "./response-recorder";
import { hasSessionCookie, sessionTokens, withoutSessionCookies } from "./session-cookie";
import { CLEAR_ADMIN_HINT, CLEAR_HINTS, hasSignedInHint, SET_HINT } from "./signed-in-hint";

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
   * Whether a session token is a signed-in person (lib/http/live-session.ts): asked only for a request with
   * a session cookie and no signed-in hint, to set the hint (lib/http/signed-in-hint.ts). Without it no
   * hint is set.
   */
  isLiveSession?: (token: string) => Promise<boolean>;
  /** Renders forced by misses, per second (PAGE_CACHE_MISS_RENDERS_PER_SECOND); unbounded when unset. */
  missRendersPerSecond?: number;
};

type Entry = RecordedResponse & EntrySubjects;

/** Trending and top reorder with every vote, which clears nothing: they may be this stale, by design. */
const RANKED_TTL_MS = 5_000;

/** A visitor waiting for someone else's render of the same page gives up after this and renders for itself. */
const FOLLOWER_WAIT_MS = 3_000;
/** How long a miss may queue for the render budget before it is told to come back. */
const MISS_QUEUE_SECONDS = 2;

export type PageCache = {
  /** Answers from the cache when it can, else lets `handler` render and keeps what it may. */
  handle(req: IncomingMessage, res: ServerResponse, handler: Handler): Promise<void>;
  clear(): void;
  /** Drops the entries that show what the notice names (all of them for an import). */
  forget(notice: CatalogueNotice): void;
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

  /**
   * Keeps the signed-in hint in step with the session cookie on this response: set for a live session that
   * lacks it, cleared when the hint outlives the session cookie. A hint with a cookie is left alone (the
   * browser clears it if /api/me/state says the session is over): no database query on the common path.
   */
  async function keepHint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cookie = req.headers.cookie;
    const hint = hasSignedInHint(cookie);
    const session = hasSessionCookie(cookie);
    if (hint && !session) for (const clear of CLEAR_HINTS) res.appendHeader("set-cookie", clear);
    if (hint || !session || !options.isLiveSession) return;
    for (const token of sessionTokens(cookie)) {
      if (await options.isLiveSession(token)) {
        res.appendHeader("set-cookie", SET_HINT);
        // A new session: whether it is an admin's is the state call's to say, not an earlier session's hint.
        res.appendHeader("set-cookie", CLEAR_ADMIN_HINT);
        return;
      }
    }
  }

  /** Public pages render the same for everyone: Next never sees who asks. */
  function dropSession(req: IncomingMessage): void {
    if (!hasSessionCookie(req.headers.cookie)) return;
    const rest = withoutSessionCookies(req.headers.cookie);
    if (rest === undefined) delete req.headers.cookie;
    else req.headers.cookie = rest;
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

  async function render(
    key: string,
    url: string,
    req: IncomingMessage,
    res: ServerResponse,
    handler: Handler,
  ): Promise<void> {
    const startedIn = generation;
    let settle!: (entry: Entry | null) => void;
    const pending = new Promise<Entry | null>((resolve) => (settle = resolve));
    inFlight.set(key, pending);
    const forgetInFlight = () => inFlight.get(key) === pending && inFlight.delete(key);
    res.setHeader(CACHE_STATUS_HEADER, "MISS");
    // Settled when the handler hands over its last byte, not when this visitor has downloaded it: a slow
    // reader must not hold up everyone waiting for the same page.
    void recordResponse(res).then((recorded) => {
      const keep =
        recorded && startedIn === generation && enabled ? { ...recorded, ...subjectsOf(url, recorded) } : null;
      if (keep) entries.set(key, keep, keep.ranked ? { ttl: Math.min(RANKED_TTL_MS, options.ttlMs) } : {});
      settle(keep);
      forgetInFlight();
    });
    try {
      await handler(req, res);
    } catch (error) {
      settle(null);
      forgetInFlight();
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

  function shows(entry: Entry, notice: CatalogueNotice): boolean {
    if (notice.kind === "paper") return entry.papers === "all" || entry.papers.has(notice.paperId);
    if (notice.kind === "tag") return entry.tags === "all" || entry.tags.has(notice.slug);
    if (notice.kind === "similar")
      return entry.paperPage === "unreadable" || (entry.paperPage !== null && notice.paperIds.has(entry.paperPage));
    return true;
  }

  function forget(notice: CatalogueNotice): void {
    if (notice.kind === "all") return clear();
    // A render in flight may show what changed; which papers it shows is known only once it is done.
    generation++;
    for (const [key, entry] of entries.entries()) if (shows(entry, notice)) entries.delete(key);
  }

  return {
    async handle(req, res, handler) {
      await keepHint(req, res);
      const key = cacheKeyFor(req);
      if (key !== null) dropSession(req);
      if (!enabled || key === null) {
        res.setHeader(CACHE_STATUS_HEADER, enabled ? "BYPASS" : "OFF");
        return handler(req, res);
      }
      // Next renders exactly what the key names: the kept parameters and the one encoding.
      const url = canonicalCacheUrl(req.url ?? "/")!;
      req.url = url;
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
      return render(key, url, req, res, handler);
    },
    clear,
    forget,
    setEnabled(next) {
      if (!next) clear();
      enabled = next && options.ttlMs > 0;
    },
  };
}
