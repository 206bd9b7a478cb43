// Computes the similar lists of the papers imports queue (new or changed), a batch at a time, newest first (run by the worker).
import type pg from "pg";
import { CATALOGUE_CHANNEL, similarNotices } from "../http/catalogue-notice";

/** Backfills run one at a time: two would upsert the same reverse edges in different orders. */
const SIMILAR_LOCK = 0x5050_5349; // "PPSI"

/** About 4 ms of SQL per paper at a million papers: a batch takes well under a minute, the job's tick. */
const SIMILAR_BACKFILL_BATCH = 2000;

export type BackfillResult = { computed: number; left: number };

/**
 * Takes a batch off paper_similar_pending and computes its lists (paper_similar_refresh), in one
 * transaction: a crash puts the batch back. It does not hold the import lock, so an import never
 * waits for a batch (the lists are the worker's alone; imports only queue papers). It locks paper
 * (ACCESS SHARE) before it takes any queue row: a bulk import that holds paper exclusively (DROP
 * INDEX) is waited for here, before this batch holds rows that import's own queueing would wait on.
 * An import that queues a paper this batch took waits for the batch, then queues it again: a changed
 * text is never lost. Several workers take turns (SIMILAR_LOCK), each taking the next batch.
 *
 * It names what it changed instead of letting paper_similar's trigger clear every page cache once a
 * minute: the trigger is quieted for the transaction (as lib/tags/announce.ts does) and the papers whose
 * lists changed are announced as `similar:` notices (lib/http/catalogue-notice.ts), which clear only
 * those papers' own pages, delivered at commit.
 */
export async function backfillSimilar(pool: pg.Pool, batch: number = SIMILAR_BACKFILL_BATCH): Promise<BackfillResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('paperpulse.announced', 'on', true)");
    await client.query("SELECT pg_advisory_xact_lock($1)", [SIMILAR_LOCK]);
    await client.query("LOCK TABLE paper IN ACCESS SHARE MODE");
    const { rows } = await client.query<{ paper_id: number }>(
      `DELETE FROM paper_similar_pending WHERE paper_id IN (
         SELECT paper_id FROM paper_similar_pending ORDER BY paper_id DESC LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING paper_id`,
      [batch],
    );
    if (rows.length > 0) {
      const refreshed = await client.query<{ changed: number[] }>(
        "SELECT paper_similar_refresh($1::int[]) AS changed",
        [rows.map((row) => row.paper_id)],
      );
      const notices = similarNotices(refreshed.rows[0]!.changed);
      if (notices.length)
        await client.query("SELECT pg_notify($1, notice) FROM unnest($2::text[]) AS notice", [
          CATALOGUE_CHANNEL,
          notices,
        ]);
    }
    await client.query("COMMIT");
    const pending = await client.query<{ left: number }>("SELECT count(*)::int AS left FROM paper_similar_pending");
    return { computed: rows.length, left: pending.rows[0]!.left };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
