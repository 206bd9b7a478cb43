// Unsubscribing by token: the one-click POST, the unsubscribe page's button and /me all end here.
import "server-only";
import { db } from "../db/prisma";
import { UNKNOWN_LINK, type TokenMiss } from "./confirm";
import { subscriberTokenWhere } from "./token";

export type UnsubscribeResult = { ok: true; email: string } | TokenMiss;

/**
 * Takes effect at once (the digest sender picks only CONFIRMED subscribers) and is idempotent: a second
 * call keeps the first unsubscribed_at. A SUPPRESSED address stays suppressed, which already stops all mail.
 */
export async function unsubscribe(token: string, now = new Date()): Promise<UnsubscribeResult> {
  const where = subscriberTokenWhere(token);
  if (!where) return { ok: false, status: 404, error: UNKNOWN_LINK };
  await db().subscriber.updateMany({
    where: { ...where, status: { in: ["PENDING", "CONFIRMED"] } },
    data: { status: "UNSUBSCRIBED", unsubscribedAt: now },
  });
  const row = await db().subscriber.findUnique({ where, select: { email: true } });
  if (!row) return { ok: false, status: 404, error: UNKNOWN_LINK };
  return { ok: true, email: row.email };
}
