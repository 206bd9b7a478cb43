// The one place that talks to the mail provider or the outbox: Resend with RESEND_API_KEY, the local outbox without.
import { randomUUID } from "node:crypto";
import { Resend } from "resend";
import { resolveMailConfig, type MailConfig } from "./config";
import { recipientProblem, sanitizeHeaders, sanitizeHeaderValue } from "./headers";
import { writeOutboxMessage } from "./outbox";
import { encodeChunk, postBatch, type ApiEmail } from "./resend-batch";
import { createPacer } from "../pacer";
import { pickRetry, withRetries, type Failure } from "./retry";
import type { BatchItemResult, BatchOptions, MailMessage, MailOptions, RetryOptions, SendResult } from "./types";

// A sign-in request waits on sendMail, so it retries briefly; the digest worker can afford more.
const SINGLE_RETRY: Required<RetryOptions> = {
  attempts: 3,
  baseDelayMs: 300,
  maxRetryAfterMs: 10_000,
  timeoutMs: 15_000,
};
const BATCH_RETRY: Required<RetryOptions> = {
  attempts: 5,
  baseDelayMs: 1_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 30_000,
};
const RESEND_BATCH_LIMIT = 100;
const RESEND_RATE_PER_SECOND = 5;

type Email = ApiEmail;

/** Sends one message: Resend when an API key is configured, the local outbox otherwise. Delivery problems come back as results, never as throws. */
export async function sendMail(message: MailMessage, options: MailOptions = {}): Promise<SendResult> {
  const config = resolveMailConfig(options);
  const email = toEmail(message, config.from);
  if (typeof email === "string") return { ok: false, error: email, permanent: true };
  if (!config.apiKey) return writeToOutbox(message, email, config, true);

  const resend = createClient(config.apiKey, config.baseUrl);
  // A key per call even when the caller gave none, so our own retries can never send twice.
  const idempotencyKey = message.idempotencyKey ?? randomUUID();
  const sent = await withRetries(
    (signal) => resend.emails.send(email, { idempotencyKey, signal }),
    { ...SINGLE_RETRY, ...pickRetry(options) },
    undefined,
    options.clock?.sleep,
  );
  if (sent.ok) return { ok: true, id: sent.data.id, via: "resend" };
  return { ok: false, error: sent.failure.message, permanent: sent.failure.permanent };
}

/**
 * Sends many messages through Resend's batch endpoint: chunks of at most 100, spaced to the rate
 * limit, retried on 429 / 5xx / network errors with the same idempotency key. A chunk Resend
 * rejects as invalid (it rejects the whole chunk for one bad address) is re-sent one email at a
 * time so only the bad ones fail. Results come back in input order; delivery problems never throw.
 *
 * Not async itself: every message is encoded before the first request, and nothing past this call
 * holds the messages, so a caller that does not keep them frees their strings while the provider
 * answers (lib/mail/resend-batch.ts says why that matters).
 */
export function sendBatch(messages: MailMessage[], options: BatchOptions = {}): Promise<BatchItemResult[]> {
  const config = resolveMailConfig(options);
  const results: BatchItemResult[] = new Array(messages.length);
  const valid: { index: number; message: MailMessage; email: Email }[] = [];
  messages.forEach((message, index) => {
    const email = toEmail(message, config.from);
    if (typeof email === "string") results[index] = { index, ok: false, error: email, permanent: true };
    else valid.push({ index, message, email });
  });
  if (!config.apiKey) return sendToOutbox(valid, results, config);

  const chunkSize = Math.min(options.chunkSize ?? RESEND_BATCH_LIMIT, RESEND_BATCH_LIMIT);
  const chunks: EncodedBatchChunk[] = [];
  for (let start = 0; start < valid.length; start += chunkSize) {
    const items = valid.slice(start, start + chunkSize);
    const encoded = encodeChunk(items.map((item) => item.email));
    chunks.push({
      body: encoded.body,
      items: items.map((item, position) => ({
        index: item.index,
        idempotencyKey: item.message.idempotencyKey,
        email: encoded.emails[position]!,
      })),
    });
  }
  return sendChunks(chunks, results, config.apiKey, config.baseUrl, options);
}

type EncodedBatchChunk = {
  body: Buffer<ArrayBuffer>;
  items: { index: number; idempotencyKey?: string; email: Buffer }[];
};

async function sendChunks(
  chunks: EncodedBatchChunk[],
  results: BatchItemResult[],
  apiKey: string,
  baseUrl: string | undefined,
  options: BatchOptions,
): Promise<BatchItemResult[]> {
  const resend = createClient(apiKey, baseUrl);
  const retry = { ...BATCH_RETRY, ...pickRetry(options) };
  const limiter = createPacer(options.ratePerSecond ?? RESEND_RATE_PER_SECOND, options.clock);
  const wait = options.clock?.sleep;
  // Stable across runs only if the caller names the batch; random still protects our own retries.
  const batchKey = options.batchKey ?? randomUUID();
  let fatal: Failure | undefined;

  for (const [chunkIndex, chunk] of chunks.entries()) {
    const fail = (items: EncodedBatchChunk["items"], failure: Failure) => {
      for (const { index } of items)
        results[index] = { index, ok: false, error: failure.message, permanent: failure.permanent };
    };
    if (fatal) {
      fail(chunk.items, fatal);
      continue;
    }
    const chunkKey = `${batchKey}/${chunkIndex}`;
    const sent = await withRetries(
      (signal) => postBatch(resend, chunk.body, { idempotencyKey: chunkKey, signal }),
      retry,
      limiter,
      wait,
    );
    if (sent.ok) {
      chunk.items.forEach(({ index }, position) => {
        const id = sent.data.data[position]?.id;
        results[index] = id
          ? { index, ok: true, id }
          : { index, ok: false, error: "Resend returned no id for this email", permanent: false };
      });
    } else if (sent.failure.invalidContent && chunk.items.length > 1) {
      for (const [position, item] of chunk.items.entries()) {
        if (fatal) {
          fail([item], fatal);
          continue;
        }
        const idempotencyKey = item.idempotencyKey ?? `${chunkKey}/${position}`;
        // Rare (one bad address in a chunk), so the SDK sends it, from the email's own bytes in the body.
        const email = JSON.parse(item.email.toString("utf8")) as Email;
        const single = await withRetries(
          (signal) => resend.emails.send(email, { idempotencyKey, signal }),
          retry,
          limiter,
          wait,
        );
        if (single.ok) results[item.index] = { index: item.index, ok: true, id: single.data.id };
        else {
          if (single.failure.fatal) fatal = single.failure;
          fail([item], single.failure);
        }
      }
    } else {
      if (sent.failure.fatal) fatal = sent.failure;
      fail(chunk.items, sent.failure);
    }
  }
  return results;
}

async function sendToOutbox(
  valid: { index: number; message: MailMessage; email: Email }[],
  results: BatchItemResult[],
  config: MailConfig,
): Promise<BatchItemResult[]> {
  for (const { index, message, email } of valid) {
    const written = await writeToOutbox(message, email, config, false);
    results[index] = written.ok
      ? { index, ok: true, id: written.id }
      : { index, ok: false, error: written.error, permanent: false };
  }
  if (valid.length > 0)
    config.log(`[mail] No RESEND_API_KEY: ${valid.length} messages written to the outbox ${config.outboxDir}`);
  return results;
}

/** The SDK reads RESEND_BASE_URL when constructed, so a client per call follows the current environment. */
function createClient(apiKey: string, baseUrl: string | undefined): Resend {
  return new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
}

/** Resend's payload with `from`, subject and headers made safe; a string is why the message cannot be sent. */
function toEmail(message: MailMessage, from: string): Email | string {
  const problem = recipientProblem(message.to);
  if (problem) return problem;
  try {
    return {
      from,
      to: message.to.trim(),
      subject: sanitizeHeaderValue(message.subject),
      html: message.html,
      text: message.text,
      headers: sanitizeHeaders(message.headers),
      tags: message.tags,
    };
  } catch (error) {
    return (error as Error).message;
  }
}

async function writeToOutbox(
  message: MailMessage,
  email: Email,
  config: MailConfig,
  announce: boolean,
): Promise<SendResult> {
  try {
    const { id, dir } = await writeOutboxMessage(
      {
        to: message.to.trim(),
        from: config.from,
        subject: email.subject,
        headers: email.headers ?? {},
        idempotencyKey: message.idempotencyKey,
        tags: message.tags,
        html: email.html,
        text: email.text,
      },
      { outboxDir: config.outboxDir },
    );
    // On a fresh machine with no provider, this line is how a developer signs in: print the link.
    const link = firstUrl(email.text);
    if (announce)
      config.log(
        `[mail] No RESEND_API_KEY: "${email.subject}" to ${email.to} written to ${dir}${link ? `; link: ${link}` : ""}`,
      );
    return { ok: true, id, via: "outbox" };
  } catch (error) {
    return {
      ok: false,
      error: `could not write to the outbox ${config.outboxDir}: ${(error as Error).message}`,
      permanent: false,
    };
  }
}

/** The first http(s) URL in a text part (React Email writes a link as "label url"). */
function firstUrl(text: string): string | undefined {
  return text.match(/https?:\/\/[^\s<>"'[\]]+/)?.[0];
}
