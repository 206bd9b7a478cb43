// Owns talking to Hugging Face's API politely: one request a second, timeouts, retries with backoff,
// conditional requests, no redirects to other hosts, a cap on what we read. It returns bytes; the
// importer decides whether they are a digest.
import { createPacer, type PacerClock } from "../pacer";
import { backoffDelay, parseRetryAfter, sleep } from "../mail/retry";

/** What a server said about a page, sent back next time as If-None-Match / If-Modified-Since. */
export type Validators = { etag: string | null; lastModified: string | null };

type PageAnswer = { status: 200; bytes: Uint8Array; validators: Validators } | { status: 304 };

export type HfClientSettings = {
  userAgent: string;
  /** Sent as `Authorization: Bearer`; never part of a message. */
  token?: string;
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  /** A Retry-After longer than this ends the request instead of stalling a whole run. */
  maxRetryAfterMs?: number;
  maxBodyBytes?: number;
  /** Where pacing and retry waits read the time and sleep (tests pass a virtual clock). */
  clock?: PacerClock;
  random?: () => number;
};

export type HfClient = {
  get(url: string, validators?: Validators): Promise<PageAnswer>;
  /** Requests sent so far, retries included. */
  readonly requests: number;
};

/** A request that gave no usable answer; the message is one line a person can act on. */
export class FetchFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchFailure";
  }
}

/** A failure worth trying again (429, 5xx, a reset, a timeout), with the server's wish for how long to wait. */
class Transient extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const DEFAULTS = {
  timeoutMs: 30_000,
  attempts: 4,
  baseDelayMs: 2_000,
  maxRetryAfterMs: 120_000,
  maxBodyBytes: 16 * 1024 * 1024,
};
const MAX_SAME_HOST_REDIRECTS = 3;
const realClock: PacerClock = { now: () => performance.now(), sleep };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The network error as a person reads it: undici hides the useful part in `cause`. */
function networkMessage(error: unknown, timeoutMs: number): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError")
    return `no complete answer within ${timeoutMs / 1000} s (timeout)`;
  const code = err.cause?.code;
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET")
    return "the connection was reset before the answer was complete";
  if (code === "ECONNREFUSED") return "connection refused: is HF_API_URL right?";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return "the host name did not resolve: is HF_API_URL right, is the network up?";
  return `network error: ${err.cause?.message ?? err.message}`;
}

async function readCapped(response: Response, cap: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > cap) {
    await response.body?.cancel();
    throw new FetchFailure(`the answer is ${megabytes(declared)}, over the ${megabytes(cap)} cap; nothing was read`);
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader!.read()) {
    size += next.value.length;
    if (size > cap) {
      await reader!.cancel();
      throw new FetchFailure(`the answer grew past the ${megabytes(cap)} cap; reading stopped`);
    }
    parts.push(next.value);
  }
  return Buffer.concat(parts);
}

export function createHfClient(settings: HfClientSettings): HfClient {
  const options = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
  } as typeof DEFAULTS & HfClientSettings;
  const clock = settings.clock ?? realClock;
  const pacer = createPacer(1, clock);
  let requests = 0;

  async function once(url: string, validators: Validators | undefined): Promise<PageAnswer> {
    let target = new URL(url);
    for (let hop = 0; ; hop++) {
      await pacer.acquire();
      requests += 1;
      const headers: Record<string, string> = { "user-agent": options.userAgent, accept: "application/json" };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (validators?.etag) headers["if-none-match"] = validators.etag;
      if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
      let response: Response;
      try {
        const signal = AbortSignal.timeout(options.timeoutMs);
        response = await fetch(target, { headers, redirect: "manual", signal });
        if (response.status >= 300 && response.status < 400 && response.status !== 304) {
          const location = response.headers.get("location");
          await response.body?.cancel();
          const next = location ? new URL(location, target) : null;
          if (!next) throw new FetchFailure(`HTTP ${response.status} redirect without a Location`);
          if (next.host !== target.host || !/^https?:$/.test(next.protocol)) {
            throw new FetchFailure(
              `redirected to another host (${next.host}); refused: set HF_API_URL to the host you mean`,
            );
          }
          if (hop >= MAX_SAME_HOST_REDIRECTS) throw new FetchFailure(`more than ${MAX_SAME_HOST_REDIRECTS} redirects`);
          target = next;
          continue;
        }
        if (response.status === 304) {
          await response.body?.cancel();
          return { status: 304 };
        }
        if (response.status === 429 || response.status >= 500 || response.status === 408) {
          await response.body?.cancel();
          const retryAfter =
            response.status === 429 || response.status === 503
              ? parseRetryAfter(response.headers.get("retry-after") ?? undefined)
              : undefined;
          throw new Transient(`HTTP ${response.status} ${response.statusText}`.trim(), retryAfter);
        }
        if (response.status !== 200) {
          await response.body?.cancel();
          const hint =
            response.status === 404
              ? ": no daily papers for this day (yet)"
              : response.status === 401 || response.status === 403
                ? ": check HF_TOKEN"
                : "";
          throw new FetchFailure(`HTTP ${response.status} ${response.statusText}`.trim() + hint);
        }
        const bytes = await readCapped(response, options.maxBodyBytes);
        return {
          status: 200,
          bytes,
          validators: { etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified") },
        };
      } catch (error) {
        if (error instanceof FetchFailure || error instanceof Transient) throw error;
        throw new Transient(networkMessage(error, options.timeoutMs));
      }
    }
  }

  return {
    get requests() {
      return requests;
    },
    async get(url, validators) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(url, validators);
        } catch (error) {
          if (!(error instanceof Transient)) throw error;
          if (attempt >= options.attempts)
            throw new FetchFailure(`${error.message} (gave up after ${attempt} attempts)`);
          const delay = error.retryAfterMs ?? backoffDelay(attempt, options.baseDelayMs, options.random);
          if (delay > options.maxRetryAfterMs)
            throw new FetchFailure(
              `${error.message}; asked to wait ${Math.ceil(delay / 1000)} s, the next run tries again`,
            );
          await clock.sleep(delay);
        }
      }
    },
  };
}
