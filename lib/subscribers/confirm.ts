// Double opt-in, second half: the confirm page's button turns a PENDING subscription into a CONFIRMED one.
import "server-only";
import { db } from "../db/prisma";
import { subscriptionByToken, type SubscriptionView } from "./queries";
import { subscriberTokenWhere } from "./token";

export type TokenMiss = { ok: false; status: 404; error: string };
export type ConfirmResult =
  | { ok: true; subscription: SubscriptionView }
  | TokenMiss
  | { ok: false; status: 409; error: string; subscription: SubscriptionView };

export const UNKNOWN_LINK =
  "This link is not valid: it may be incomplete, or from an email older than your latest subscription.";

/** Idempotent: confirming twice is the same as once. A cancelled subscription is not revived by an old email. */
export async function confirmSubscription(token: string, now = new Date()): Promise<ConfirmResult> {
  const where = subscriberTokenWhere(token);
  if (!where) return { ok: false, status: 404, error: UNKNOWN_LINK };
  await db().subscriber.updateMany({
    where: { ...where, status: "PENDING" },
    data: { status: "CONFIRMED", confirmedAt: now },
  });
  const subscription = await subscriptionByToken(token);
  if (!subscription) return { ok: false, status: 404, error: UNKNOWN_LINK };
  if (subscription.status !== "CONFIRMED") {
    return {
      ok: false,
      status: 409,
      error: "This subscription was cancelled. To get the digest again, subscribe on /subscribe.",
      subscription,
    };
  }
  return { ok: true, subscription };
}
