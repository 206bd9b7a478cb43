// The delivery ledger's state changes: claim a whole batch before sending, mark each row after.
import type pg from "pg";
import { authSecret } from "../auth/secret";
import { subscriberLinkToken } from "../subscribers/token";

export type ClaimedDelivery = {
  /** digest_delivery.id (bigint, as text). */
  id: string;
  subscriberId: number;
  email: string;
  /** The subscriber's link token, derived from its seed (lib/subscribers/token.ts). */
  token: string;
  paperList: number[];
};

export type Claim = { batch: number; deliveries: ClaimedDelivery[]; skipped: number };

const CLAIMABLE = `(d.status = 'PENDING' OR (d.status = 'SENDING' AND d.claimed_at < clock_timestamp() - $2 * interval '1 millisecond'))`;

/**
 * Claims the period's next claimable batch after `after` (wrapping around to the start once): PENDING
 * rows, or SENDING rows whose claimer's lease ran out (it crashed). A transaction-scoped advisory lock
 * per (period, batch) picks a batch no other worker is claiming at that moment, and the UPDATE
 * re-checks each row, so a batch is only ever claimed by one worker. Rows whose subscriber stopped
 * being CONFIRMED since planning are closed here instead (FAILED, error "skipped: ..."), so an
 * unsubscribe takes effect before the send.
 * Returns null when nothing is left to claim; deliveries may be empty when another worker won the batch.
 */
export async function claimBatch(
  pool: pg.Pool,
  { period, workerId, leaseMs, after = -1 }: { period: string; workerId: string; leaseMs: number; after?: number },
): Promise<Claim | null> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // Walks digest_delivery_period_batch_idx from the sender's last batch: finished batches behind it
    // are never re-read, so a claim costs the same at batch 1 and at batch 1,000. The lock is tried
    // outside the ordered subquery (OFFSET 0 keeps it from being merged into this one, and a volatile
    // condition is never pushed into it), on rows in batch order until one is won. In the subquery's
    // WHERE, a plan that sorts a bitmap scan (chosen on stale statistics, seen in bench:digest) tried
    // it on every claimable row: one sender held every batch, the others found none and stopped.
    const pick = (from: number) =>
      client.query<{ batch: number }>(
        `SELECT c.batch FROM (
           SELECT d.batch FROM digest_delivery d
           WHERE d.period = $1 AND d.batch > $3 AND ${CLAIMABLE}
           ORDER BY d.period, d.batch OFFSET 0) c
         WHERE pg_try_advisory_xact_lock(hashtext('digest-send:' || $1), c.batch)
         LIMIT 1`,
        [period, leaseMs, from],
      );
    let picked = await pick(after);
    if (picked.rows.length === 0 && after >= 0) picked = await pick(-1);
    const batch = picked.rows[0]?.batch;
    if (batch === undefined) {
      await client.query("COMMIT");
      return null;
    }
    const { rows } = await client.query<{
      id: string;
      subscriber_id: number;
      email: string;
      token_seed: string;
      paper_ids: number[];
      status: string;
    }>(
      `UPDATE digest_delivery d
       SET status = CASE WHEN s.status = 'CONFIRMED' THEN 'SENDING' ELSE 'FAILED' END::"DeliveryStatus",
           error = CASE WHEN s.status = 'CONFIRMED' THEN NULL ELSE 'skipped: the subscriber is ' || lower(s.status::text) || ' since this digest was planned' END,
           claimed_at = clock_timestamp(), claimed_by = $3, attempts = d.attempts + 1
       FROM subscriber s
       WHERE s.id = d.subscriber_id AND d.period = $1 AND d.batch = $4 AND ${CLAIMABLE}
       RETURNING d.id::text AS id, d.subscriber_id, s.email, s.token_seed::text AS token_seed, d.paper_ids, d.status::text AS status`,
      [period, leaseMs, workerId, batch],
    );
    await client.query("COMMIT");
    const secret = authSecret();
    const deliveries = rows
      .filter((row) => row.status === "SENDING")
      .sort((a, b) => a.subscriber_id - b.subscriber_id)
      .map((row) => ({
        id: row.id,
        subscriberId: row.subscriber_id,
        email: row.email,
        token: subscriberLinkToken(row.token_seed, secret),
        paperList: row.paper_ids,
      }));
    return { batch, deliveries, skipped: rows.length - deliveries.length };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Claims of one delivery before a transient failure counts as final. */
export const MAX_ATTEMPTS = 8;

export type DeliveryOutcome =
  | { id: string; outcome: "sent"; providerId: string | null; note?: string }
  | { id: string; outcome: "failed"; error: string }
  /** Not delivered, worth another try: back to PENDING for the next run. */
  | { id: string; outcome: "retry"; error: string };

/**
 * Records a batch's results in one transaction: SENT rows also record their papers in sent_paper
 * (never sent to this person again) and move the subscriber's last_sent_at to when the digest was
 * planned, the moment its papers were chosen: papers imported after that are new next time.
 */
export async function markDeliveries(pool: pg.Pool, workerId: string, outcomes: DeliveryOutcome[]): Promise<void> {
  const sent = outcomes.filter((o) => o.outcome === "sent");
  const failed = outcomes.filter((o) => o.outcome === "failed");
  const retry = outcomes.filter((o) => o.outcome === "retry");
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (sent.length > 0) {
      // A SENT row is SENT whoever claims it now: the email went out under this batch's key.
      await client.query(
        `WITH marked AS (
           UPDATE digest_delivery d SET status = 'SENT', sent_at = clock_timestamp(), provider_id = u.provider_id, error = u.note
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, provider_id, note)
           WHERE d.id = u.id AND d.status <> 'SENT'
           RETURNING d.subscriber_id, d.paper_ids, d.created_at
         ), papers AS (
           INSERT INTO sent_paper (subscriber_id, paper_id)
           SELECT m.subscriber_id, p FROM marked m, unnest(m.paper_ids) AS p WHERE p > 0
           ON CONFLICT DO NOTHING
         )
         UPDATE subscriber s SET last_sent_at = greatest(s.last_sent_at, m.created_at)
         FROM marked m WHERE s.id = m.subscriber_id`,
        [sent.map((o) => o.id), sent.map((o) => o.providerId), sent.map((o) => o.note ?? null)],
      );
    }
    for (const [list, status] of [
      [failed, "FAILED"],
      [retry, "PENDING"],
    ] as const) {
      if (list.length === 0) continue;
      // Only our own claim: if the lease ran out and another worker holds the row, its outcome wins.
      // A delivery that failed transiently MAX_ATTEMPTS times is given up (FAILED, with the last error)
      // rather than retried by every run forever.
      await client.query(
        `UPDATE digest_delivery d
            SET status = CASE WHEN $3 = 'PENDING' AND d.attempts >= $5 THEN 'FAILED' ELSE $3 END::"DeliveryStatus",
                error = CASE WHEN $3 = 'PENDING' AND d.attempts >= $5 THEN 'gave up after ' || d.attempts || ' attempts: ' || u.error ELSE u.error END,
                claimed_at = CASE WHEN $3 = 'PENDING' THEN NULL ELSE d.claimed_at END
         FROM unnest($1::bigint[], $2::text[]) AS u(id, error)
         WHERE d.id = u.id AND d.status = 'SENDING' AND d.claimed_by = $4`,
        [list.map((o) => o.id), list.map((o) => o.error), status, workerId, MAX_ATTEMPTS],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
