// How often one address or one client may ask for a sign-in link.
import "server-only";
import { describeWait, takeThrottle, type ThrottleRule } from "../rate-limit";

export const SIGN_IN_PER_EMAIL: ThrottleRule = { bucket: "sign-in:email", limit: 5, windowMs: 3_600_000 };
export const SIGN_IN_PER_CLIENT: ThrottleRule = { bucket: "sign-in:client", limit: 20, windowMs: 3_600_000 };

/** Counts one sign-in request; a message to show when this email or client has asked too often. */
export async function throttleSignIn(email: string, clientAddress: string): Promise<{ ok: true } | { ok: false; message: string; retryAfterSeconds: number }> {
  const result = await takeThrottle([
    { rule: SIGN_IN_PER_EMAIL, key: email.toLowerCase() },
    { rule: SIGN_IN_PER_CLIENT, key: clientAddress },
  ]);
  if (result.ok) return result;
  return {
    ok: false,
    retryAfterSeconds: result.retryAfterSeconds,
    message: `Too many sign-in links requested. Check your inbox for the last one, or try again in ${describeWait(result.retryAfterSeconds)}.`,
  };
}

/** The client's address as the web server saw it (Next sets x-forwarded-for from the socket when no proxy did). */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
