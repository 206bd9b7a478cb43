// How often one address or one client may ask for a sign-in link (rules over lib/throttle/store.ts).
import "server-only";
import { describeWait, mailboxKey, SITE_MAIL_KEY, siteMailRule, takeThrottle, type ThrottleRule } from "./store";

export const SIGN_IN_PER_EMAIL: ThrottleRule = { bucket: "sign-in:email", limit: 5, windowMs: 3_600_000 };
const SIGN_IN_PER_CLIENT: ThrottleRule = { bucket: "sign-in:client", limit: 20, windowMs: 3_600_000 };

/** Counts one sign-in request; a message to show when this email or client has asked too often. */
export async function throttleSignIn(
  email: string,
  clientAddress: string,
): Promise<{ ok: true } | { ok: false; message: string; retryAfterSeconds: number }> {
  const siteRule = siteMailRule();
  const result = await takeThrottle([
    { rule: SIGN_IN_PER_EMAIL, key: mailboxKey(email) },
    { rule: SIGN_IN_PER_CLIENT, key: clientAddress },
    { rule: siteRule, key: SITE_MAIL_KEY },
  ]);
  if (result.ok) return result;
  if (result.buckets.length === 1 && result.buckets[0] === siteRule.bucket) {
    return {
      ok: false,
      retryAfterSeconds: result.retryAfterSeconds,
      message: `This site has sent as many sign-in emails as it may this hour. Try again in ${describeWait(result.retryAfterSeconds)}.`,
    };
  }
  return {
    ok: false,
    retryAfterSeconds: result.retryAfterSeconds,
    message: `Too many sign-in links requested. Check your inbox for the last one, or try again in ${describeWait(result.retryAfterSeconds)}.`,
  };
}
