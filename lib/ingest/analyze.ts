// Refreshes the planner statistics of the tables an import changed a large part of, right after it commits.
import type { Queryable } from "../db/queryable";

/**
 * The share of a table an import must change before it analyzes the table itself: autovacuum's own
 * default (autovacuum_analyze_scale_factor 0.1, threshold 50), applied at once instead of whenever
 * autovacuum gets round to it. A bulk import is always past it; a 100-paper digest into a large
 * catalogue never is, so it pays nothing (ANALYZE of paper samples 30,000 rows and their search vectors).
 */
const SHARE = 0.1;
const THRESHOLD = 50;

/**
 * Why at all: right after a bulk load the tables have no column statistics, and the next imports'
 * joins are planned blind (a 100-paper digest took 2 s instead of 0.4 s at 100,000 papers until
 * autovacuum ran). Runs after COMMIT, outside the transaction, so the import's locks are gone and
 * the statistics describe committed rows; `db` may be a pool (see below). A table never analyzed
 * (reltuples < 0) is analyzed as soon as an import writes to it. Returns the tables analyzed.
 */
export async function analyzeWritten(db: Queryable, written: Record<string, number>): Promise<string[]> {
  const tables = Object.keys(written).filter((table) => written[table]! > 0);
  if (tables.length === 0) return [];
  const { rows } = await db.query<{ relname: string; reltuples: number }>(
    `SELECT relname, reltuples FROM pg_class WHERE oid = ANY($1::regclass[])`,
    [tables],
  );
  const due = rows
    .filter((row) => row.reltuples < 0 || written[row.relname]! >= THRESHOLD + SHARE * row.reltuples)
    .map((row) => row.relname)
    .sort();
  // One statement per table, all sent at once: given a pool, the small tables are analyzed on other
  // connections while paper (the search vectors' statistics, most of the time) is; given one
  // connection, they simply queue. paper goes first so it never waits for a free connection.
  const order = [...due].sort((a, b) => Number(b === "paper") - Number(a === "paper"));
  await Promise.all(order.map((table) => db.query(`ANALYZE ${table}`)));
  return due;
}
