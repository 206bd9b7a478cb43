// Fills in the similar lists a bulk import skipped, a batch at a time, newest papers first (run by the worker).
import type pg from "pg";
import { IMPORT_LOCK } from "../ingest/import";

/** About 4 ms of SQL per paper at a million papers: a batch takes well under a minute, the job's tick. */
const SIMILAR_BACKFILL_BATCH = 2000;

export type BackfillResult = { computed: number; left: number };

/**
 * Takes a batch off paper_similar_pending and computes its lists with the same SQL an import uses
 * (paper_similar_refresh), in one transaction: a crash puts the batch back. It holds the import
 * lock, so it never interleaves with an import's own refresh of the same lists; SKIP LOCKED lets
 * several workers share the queue.
 */
export async function backfillSimilar(pool: pg.Pool, batch: number = SIMILAR_BACKFILL_BATCH): Promise<BackfillResult> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [IMPORT_LOCK]);
    const { rows } = await client.query<{ paper_id: number }>(
      `DELETE FROM paper_similar_pending WHERE paper_id IN (
         SELECT paper_id FROM paper_similar_pending ORDER BY paper_id DESC LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING paper_id`,
      [batch],
    );
    if (rows.length > 0)
      await client.query("SELECT paper_similar_refresh($1::int[])", [rows.map((row) => row.paper_id)]);
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
