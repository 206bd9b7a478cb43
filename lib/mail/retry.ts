// What to do after Resend answers with an error: retry (when, how soon), give up on the message, or stop the run.
import type { Pacer } from "../pacer";
import type { RetryOptions } from "./types";

/** The SDK's error object: it returns `{ data, error, headers }` and never throws for HTTP errors. */
export type ResendError = { name?: string; message?: string; statusCode?: number | null };

export type Failure = {
  message: string;
  status: number | null;
  /** Try the same request again (same idempotency key). */
  retry: boolean;
  /** Retrying this message later will not help either: bad address, rejected content. */
  permanent: boolean;
  /** Every further request would fail the same way (bad key, bad sender): stop sending. */
  fatal: boolean;
  /** The request's content was rejected; a batch may be split to find the bad message. */
  invalidContent: boolean;
  /** Server-requested wait from Retry-After, in ms. */
  retryAfterMs?: number;
};

// Resend answers these with 4xx but they say nothing about the message: the key or the sender is wrong.
const FATAL_NAMES = new Set([
  "missing_api_key",
  "invalid_api_key",
  "restricted_api_key",
  "invalid_from_address",
  "security_error",
  "invalid_access",
]);
// 429s that will not clear in seconds.
const QUOTA_NAMES = new Set(["daily_quota_exceeded", "monthly_quota_exceeded"]);

/**
 * The SDK puts the HTTP status in `error.statusCode` (Resend's error JSON carries it, and the SDK
 * fills it in for non-JSON bodies); it is null when no response came at all. Headers come back
 * as a plain object with lower-case names, so Retry-After is readable.
 */
export function classifyResendError(
  error: ResendError,
  headers: Record<string, string> | null,
  now = Date.now(),
): Failure {
  const status = typeof error.statusCode === "number" ? error.statusCode : null;
  const name = error.name ?? "application_error";
  const message = `${status ?? "no response"} ${name}: ${error.message ?? "unknown error"}`;
  const base = { message, status, retry: false, permanent: false, fatal: false, invalidContent: false };

  if (status === null) {
    // application_error with no status is the SDK's "Unable to fetch data": network, timeout, reset.
    return name === "application_error" ? { ...base, retry: true } : { ...base, permanent: true };
  }
  if (FATAL_NAMES.has(name) || status === 401 || status === 403) return { ...base, fatal: true };
  if (status === 429) {
    if (QUOTA_NAMES.has(name)) return base;
    return { ...base, retry: true, retryAfterMs: parseRetryAfter(headers?.["retry-after"], now) };
  }
  // 409 concurrent_idempotent_requests: the first request with this key is still running.
  if (status === 409 && name === "concurrent_idempotent_requests") return { ...base, retry: true };
  if (status >= 500 || status === 408) return { ...base, retry: true };
  return { ...base, permanent: true, invalidContent: status === 400 || status === 422 };
}

/** Retry-After is seconds (Resend's form) or an HTTP date; anything unreadable means "use backoff". */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff, half fixed and half random, so workers retrying at once spread out. */
export function backoffDelay(retry: number, baseDelayMs: number, random = Math.random): number {
  const ceiling = baseDelayMs * 2 ** (retry - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** What an SDK call resolves to. */
export type SdkResponse<T> = { data: T | null; error: ResendError | null; headers: Record<string, string> | null };
export type Attempted<T> = { ok: true; data: T } | { ok: false; failure: Failure };

/** Only the retry settings a caller actually set, to spread over the defaults. */
export function pickRetry(options: RetryOptions): RetryOptions {
  const { attempts, baseDelayMs, maxRetryAfterMs, timeoutMs } = options;
  return Object.fromEntries(
    Object.entries({ attempts, baseDelayMs, maxRetryAfterMs, timeoutMs }).filter(([, value]) => value !== undefined),
  );
}

/** Calls the SDK until it succeeds, the error is not worth retrying, or attempts run out. */
export async function withRetries<T>(
  call: (signal: AbortSignal) => Promise<SdkResponse<T>>,
  retry: Required<RetryOptions>,
  limiter?: Pacer,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<Attempted<T>> {
  for (let attempt = 1; ; attempt++) {
    await limiter?.acquire();
    let response: SdkResponse<T>;
    try {
      response = await call(AbortSignal.timeout(retry.timeoutMs));
    } catch (error) {
      // The SDK turns fetch failures into { error }, but we never let a throw escape a send.
      response = {
        data: null,
        error: { name: "application_error", message: (error as Error).message, statusCode: null },
        headers: null,
      };
    }
    if (!response.error && response.data) return { ok: true, data: response.data };
    const failure = classifyResendError(response.error ?? { message: "empty response" }, response.headers);
    if (!failure.retry) return { ok: false, failure };
    if (attempt >= retry.attempts)
      return { ok: false, failure: { ...failure, message: `${failure.message} (gave up after ${attempt} attempts)` } };
    const delay = failure.retryAfterMs ?? backoffDelay(attempt, retry.baseDelayMs);
    if (delay > retry.maxRetryAfterMs)
      return {
        ok: false,
        failure: { ...failure, message: `${failure.message} (asked to wait ${Math.ceil(delay / 1000)} s)` },
      };
    await wait(delay);
  }
}
