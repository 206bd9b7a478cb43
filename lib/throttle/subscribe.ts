// How many subscribe requests a client may make and how many subscription emails one address may get.
import "server-only";
import { describeWait, mailboxKey, SITE_MAIL_KEY, siteMailRule, takeThrottle, type ThrottleRule } from "./store";

/** Confirmation (or "already subscribed") emails per address per day: a repeated form never floods an inbox. */
export const SUBSCRIBE_MAILS_PER_EMAIL: ThrottleRule = { bucket: "subscribe:email", limit: 3, windowMs: 86_400_000 };
/** Subscribe requests per client per hour: one client cannot mail many strangers. */
export const SUBSCRIBE_PER_CLIENT: ThrottleRule = { bucket: "subscribe:client", limit: 20, windowMs: 3_600_000 };

export type SubscribeThrottle =
  { ok: true } | { ok: false; reason: "client" | "email" | "site"; retryAfterSeconds: number; message: string };

/**
 * Two separate takes, client first: the client rule counts requests (sent or not), the address
 * rule counts emails, so a request refused for the client never uses up the address's allowance.
 */
export async function throttleSubscribeMail(
  email: string,
  clientAddress: string,
  now = new Date(),
): Promise<SubscribeThrottle> {
  const client = await takeThrottle([{ rule: SUBSCRIBE_PER_CLIENT, key: clientAddress }], now);
  if (!client.ok) {
    return {
      ok: false,
      reason: "client",
      retryAfterSeconds: client.retryAfterSeconds,
      message: `Too many subscription requests from your network. Try again in ${describeWait(client.retryAfterSeconds)}.`,
    };
  }
  const siteRule = siteMailRule();
  const address = await takeThrottle(
    [
      { rule: SUBSCRIBE_MAILS_PER_EMAIL, key: mailboxKey(email) },
      { rule: siteRule, key: SITE_MAIL_KEY },
    ],
    now,
  );
  if (!address.ok && !address.buckets.includes(SUBSCRIBE_MAILS_PER_EMAIL.bucket)) {
    return {
      ok: false,
      reason: "site",
      retryAfterSeconds: address.retryAfterSeconds,
      message: `This site has sent as many emails as it may this hour. Try again in ${describeWait(address.retryAfterSeconds)}.`,
    };
  }
  if (!address.ok) {
    return {
      ok: false,
      reason: "email",
      retryAfterSeconds: address.retryAfterSeconds,
      // Says nothing about whether the address is subscribed: the same words follow any repeated request.
      message: `We already sent a confirmation to ${email}. Check your inbox (and the spam folder).`,
    };
  }
  return { ok: true };
}
