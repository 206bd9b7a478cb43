// Who owns a follow or a saved search: the signed-in account, or (no account) the subscription whose
// emailed preferences link was used. Exactly one of user_id and subscriber_id is set on each row.
import "server-only";
import { db } from "../db/prisma";
import { UNKNOWN_LINK } from "../subscribers/confirm";
import { subscriberTokenWhere } from "../subscribers/token";

export type Owner = { userId: string; subscriberId?: undefined } | { subscriberId: number; userId?: undefined };

export type OwnerResult = { ok: true; owner: Owner } | { ok: false; status: 404 | 410; error: string };

/** The `where` of an owner's rows. */
export function ownedBy(owner: Owner): { userId: string } | { subscriberId: number } {
  return owner.userId !== undefined ? { userId: owner.userId } : { subscriberId: owner.subscriberId };
}

export function ownerForUser(userId: string): Owner {
  return { userId };
}

/**
 * The owner a preferences link acts for: the subscription's account when it has one (so /me shows the
 * same follows), else the subscription. An unknown link is a 404; an address that unsubscribed or
 * bounced keeps its page but cannot add anything (410), since nothing will be mailed to it.
 */
export async function ownerForToken(token: string, { adding }: { adding: boolean }): Promise<OwnerResult> {
  const where = subscriberTokenWhere(token);
  const row = where && (await db().subscriber.findUnique({ where, select: { id: true, userId: true, status: true } }));
  if (!row) return { ok: false, status: 404, error: UNKNOWN_LINK };
  if (adding && (row.status === "UNSUBSCRIBED" || row.status === "SUPPRESSED")) {
    return {
      ok: false,
      status: 410,
      error: `This address is ${row.status === "UNSUBSCRIBED" ? "unsubscribed" : "stopped (mail to it bounced)"}: subscribe again before following authors or saving searches.`,
    };
  }
  return { ok: true, owner: row.userId ? { userId: row.userId } : { subscriberId: row.id } };
}
