// Resend's webhooks: proving a request came from Resend (a Svix / Standard Webhooks signature) and reading what it asks of us.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Older or newer than this and a correctly signed request is still refused: a captured request cannot be replayed later. */
const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type HeaderSource = { get(name: string): string | null };

/** Resend's events are a few kilobytes; anything far larger is not from Resend and is not worth reading. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

/** The raw body as text, or null when it is larger than `limit` bytes: read before the signature check, so it must be bounded. */
export async function readWebhookBody(request: Request, limit = MAX_WEBHOOK_BYTES): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
export type Verification = { ok: true } | { ok: false; reason: string };

/** The secret Resend shows is "whsec_" + base64 of the HMAC key. */
function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/** "v1," + base64 HMAC-SHA256 of "id.timestamp.body": what Resend (through Svix) puts in svix-signature. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

// Svix names the headers svix-*; the Standard Webhooks spec it implements names them webhook-*.
function header(headers: HeaderSource, name: "id" | "timestamp" | "signature"): string | null {
  return headers.get(`svix-${name}`) ?? headers.get(`webhook-${name}`);
}

/** Checks the signature over the raw body (re-serialised JSON would not match) and the timestamp's freshness. */
export function verifyWebhook(secret: string, headers: HeaderSource, body: string, now = Date.now()): Verification {
  const id = header(headers, "id");
  const timestamp = header(headers, "timestamp");
  const signatures = header(headers, "signature");
  if (!id || !timestamp || !signatures)
    return { ok: false, reason: "missing svix-id, svix-timestamp or svix-signature header" };
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(seconds)) return { ok: false, reason: "svix-timestamp is not a Unix time in seconds" };
  if (Math.abs(now / 1000 - seconds) > WEBHOOK_TOLERANCE_SECONDS)
    return { ok: false, reason: "svix-timestamp is more than 5 minutes away from now" };

  const expected = Buffer.from(signWebhook(secret, id, seconds, body).slice("v1,".length));
  // Several space-separated signatures arrive while a secret is being rotated; one match is enough.
  const matches = signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",", 2);
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: "signature does not match" };
}

export type WebhookAction =
  { action: "suppress"; emails: string[]; why: "bounced" | "complained" } | { action: "ignore"; reason: string };

type EventShape = { type?: unknown; data?: { to?: unknown; bounce?: { type?: unknown } } };

/**
 * What an event means for our list. email.bounced is sent for permanent rejections, but its
 * bounce.type ("Permanent", "Transient", "Undetermined") can say otherwise: only a transient
 * (soft) bounce is left alone, since mailing a dead address again hurts the sender's reputation.
 */
export function webhookAction(event: unknown): WebhookAction {
  const { type, data } = (event ?? {}) as EventShape;
  if (type !== "email.bounced" && type !== "email.complained")
    return { action: "ignore", reason: `event ${String(type)} needs nothing from us` };
  const to = data?.to;
  const emails = (Array.isArray(to) ? to : [to]).filter(
    (email): email is string => typeof email === "string" && email.trim() !== "",
  );
  if (emails.length === 0) return { action: "ignore", reason: `${type} without a recipient in data.to` };
  if (type === "email.complained") return { action: "suppress", emails, why: "complained" };
  const bounceType = typeof data?.bounce?.type === "string" ? data.bounce.type : "";
  if (/transient|soft/i.test(bounceType))
    return { action: "ignore", reason: `soft bounce (${bounceType}): the address may work next time` };
  return { action: "suppress", emails, why: "bounced" };
}
