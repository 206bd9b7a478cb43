// Suppression: after a hard bounce or a complaint an address is never mailed again, until its owner subscribes again.
import "server-only";
import { db } from "../db/prisma";

export type SuppressionReason = "bounced" | "complained";

/**
 * Marks the subscribers with these addresses SUPPRESSED and returns how many changed. Someone already
 * suppressed keeps the first date and reason: providers repeat webhooks, and the first event is the one that counts.
 */
export async function suppressSubscribers(
  emails: string[],
  why: SuppressionReason,
  now: Date = new Date(),
): Promise<number> {
  const addresses = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
  if (addresses.length === 0) return 0;
  return db().$executeRaw`
    UPDATE subscriber
    SET status = 'SUPPRESSED', suppressed_at = ${now}, suppressed_why = ${why}
    WHERE lower(email) = ANY(${addresses}::text[]) AND status <> 'SUPPRESSED'`;
}
