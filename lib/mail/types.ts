// The shapes lib/mail takes and returns, shared by the sender, the outbox and their callers.
import type { PacerClock } from "../pacer";

export type MailTag = { name: string; value: string };

export type MailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  /** Same key, same email: Resend drops repeats for 24 hours. One is generated per send if absent. */
  idempotencyKey?: string;
  tags?: MailTag[];
};

export type SendResult =
  | { ok: true; id: string; via: "resend" | "outbox" }
  /** permanent: retrying this message as it is will not help (bad address, rejected content). */
  | { ok: false; error: string; permanent: boolean };

export type BatchItemResult = { index: number; ok: boolean; id?: string; error?: string; permanent?: boolean };

export type RetryOptions = {
  /** Tries per request, the first included. */
  attempts?: number;
  /** Backoff before retry n is baseDelayMs * 2^(n-1), with jitter. */
  baseDelayMs?: number;
  /** A 429 asking us to wait longer than this fails the request (a daily quota, not a burst). */
  maxRetryAfterMs?: number;
  /** Per-request timeout; a timed-out request counts as a network error and is retried. */
  timeoutMs?: number;
};

export type MailOptions = RetryOptions & {
  /** undefined: RESEND_API_KEY; null: no key, use the outbox whatever the environment says. */
  apiKey?: string | null;
  /** Default: MAIL_FROM. */
  from?: string;
  /** Default: <dataDir>/outbox. */
  outboxDir?: string;
  /** Default: the SDK's own RESEND_BASE_URL, else https://api.resend.com. */
  baseUrl?: string;
  /** Where the outbox announces itself; default console.info. */
  log?: (line: string) => void;
  /** The clock request spacing and retry waits run on; default real time (tests record the waits). */
  clock?: PacerClock;
};

export type BatchOptions = MailOptions & {
  /** Names this batch across runs: chunk i is sent with idempotency key `${batchKey}/${i}`. Default: random. */
  batchKey?: string;
  /** Requests per second, retries included. Resend allows 5 per team. */
  ratePerSecond?: number;
  /** Emails per batch request; Resend's maximum is 100. */
  chunkSize?: number;
};
