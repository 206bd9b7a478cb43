// What /admin/mail shows: subscribers by status, recent periods' delivery counts, and the latest failures with their errors.
import "server-only";
import { db } from "../db/prisma";

export const SUBSCRIBER_STATUSES = ["PENDING", "CONFIRMED", "UNSUBSCRIBED", "SUPPRESSED"] as const;
export type SubscriberStatusName = (typeof SUBSCRIBER_STATUSES)[number];

/** Every status with its count, zeros included, so the page always shows all four. */
export async function subscriberCounts(): Promise<Record<SubscriberStatusName, number>> {
  const rows = await db().$queryRaw<{ status: SubscriberStatusName; count: number }[]>`
    SELECT status::text AS status, count(*)::int AS count FROM subscriber GROUP BY status`;
  const counts = Object.fromEntries(SUBSCRIBER_STATUSES.map((status) => [status, 0])) as Record<
    SubscriberStatusName,
    number
  >;
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

export type PeriodCounts = {
  /** "daily:2025-04-30" or "weekly:2025-W18". */
  period: string;
  sent: number;
  failed: number;
  /** Planned or being sent, including deliveries put back for another try. */
  pending: number;
  /** Closed without sending because the subscriber left after the digest was planned. */
  skipped: number;
  plannedAt: Date;
};

// The ledger closes rows of people who left since planning as FAILED with this prefix (lib/digest/ledger.ts):
// they are not delivery failures, so they are counted apart.
const SKIPPED = "skipped:%";

/** The most recently planned periods, newest first. */
export async function recentPeriods(limit = 14): Promise<PeriodCounts[]> {
  return db().$queryRaw<PeriodCounts[]>`
    SELECT period,
           count(*) FILTER (WHERE status = 'SENT')::int AS sent,
           count(*) FILTER (WHERE status = 'FAILED' AND (error IS NULL OR error NOT LIKE ${SKIPPED}))::int AS failed,
           count(*) FILTER (WHERE status IN ('PENDING', 'SENDING'))::int AS pending,
           count(*) FILTER (WHERE status = 'FAILED' AND error LIKE ${SKIPPED})::int AS skipped,
           min(created_at) AS "plannedAt"
    FROM digest_delivery
    GROUP BY period
    ORDER BY min(created_at) DESC, period DESC
    LIMIT ${limit}`;
}

export type DeliveryFailure = { id: string; period: string; email: string; error: string; attempts: number; at: Date };

/** The latest deliveries the provider refused for good, with the error a person can act on. */
export async function recentFailures(limit = 20): Promise<DeliveryFailure[]> {
  return db().$queryRaw<DeliveryFailure[]>`
    SELECT d.id::text AS id, d.period, s.email, coalesce(d.error, 'no error recorded') AS error, d.attempts,
           coalesce(d.claimed_at, d.created_at) AS at
    FROM digest_delivery d JOIN subscriber s ON s.id = d.subscriber_id
    WHERE d.status = 'FAILED' AND (d.error IS NULL OR d.error NOT LIKE ${SKIPPED})
    ORDER BY d.created_at DESC, d.id DESC
    LIMIT ${limit}`;
}
