// Resend's batch call with a request body we encode ourselves, as bytes, instead of the SDK's one big string.
import type { Resend } from "resend";
import type { ResendError, SdkResponse } from "./retry";

/** The fields we send, named as in both the SDK's options and Resend's API. */
export type ApiEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
};

/** One chunk's request body, and each email's bytes within it (for re-sending one email on its own). */
type EncodedChunk = { body: Buffer<ArrayBuffer>; emails: Buffer[] };

type BatchAnswer = { data: { id: string }[] };

// The SDK's batch.send JSON.stringifies the whole chunk into one string: 100 digests are ~4 MB of
// text, held at two bytes per character (a subject's dash is enough) until the answer comes back,
// with two batches in flight, and V8's heap grows with what is live at each collection. Encoded email
// by email, each email's string dies young and the body is one Buffer outside the heap. The bytes are
// the SDK's: the same keys in the same order (its parseEmailToApiOptions), so an idempotency key
// used by either matches the same payload.
export function encodeChunk(emails: readonly ApiEmail[]): EncodedChunk {
  const parts = emails.map((email) =>
    Buffer.from(
      JSON.stringify({
        from: email.from,
        headers: email.headers,
        html: email.html,
        subject: email.subject,
        tags: email.tags,
        text: email.text,
        to: email.to,
      }),
    ),
  );
  const body = Buffer.allocUnsafe(parts.reduce((sum, part) => sum + part.length, 0) + parts.length + 1);
  let at = 0;
  body[at++] = 0x5b; // [
  const views = parts.map((part, i) => {
    if (i > 0) body[at++] = 0x2c; // ,
    part.copy(body, at);
    at += part.length;
    return body.subarray(at - part.length, at);
  });
  body[at++] = 0x5d; // ]
  return { body: body.subarray(0, at), emails: views };
}

/** What the SDK's fetchRequest answers when no response came (network error, timeout, unreadable body). */
const NO_RESPONSE: ResendError = {
  name: "application_error",
  statusCode: null,
  message: "Unable to fetch data. The request could not be resolved.",
};

/**
 * POSTs an encoded chunk to /emails/batch with the SDK's own base URL, key, user agent and headers,
 * and answers as the SDK does ({ data, error, headers }, never a throw), so lib/mail/retry.ts reads
 * both alike.
 */
export async function postBatch(
  client: Resend,
  body: Buffer<ArrayBuffer>,
  { idempotencyKey, signal }: { idempotencyKey: string; signal: AbortSignal },
): Promise<SdkResponse<BatchAnswer>> {
  try {
    const response = await fetch(`${client.baseUrl}/emails/batch`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${client.key}`,
        "User-Agent": client.userAgent,
        "Content-Type": "application/json",
        "x-batch-validation": "strict",
        "Idempotency-Key": idempotencyKey,
      },
      body,
      signal,
    });
    const headers = Object.fromEntries(response.headers.entries());
    if (response.ok) return { data: (await response.json()) as BatchAnswer, error: null, headers };
    const raw = await response.text();
    try {
      return { data: null, error: JSON.parse(raw) as ResendError, headers };
    } catch {
      const error: ResendError = {
        name: "application_error",
        statusCode: response.status,
        message: "Internal server error. We are unable to process your request right now, please try again later.",
      };
      return { data: null, error, headers };
    }
  } catch {
    return { data: null, error: NO_RESPONSE, headers: null };
  }
}
