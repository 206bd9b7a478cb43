// A bulk load's keys (foreign keys, a primary key): dropped before its inserts, added back (and so checked) after them.
import type { Queryable } from "./queryable";

export type DroppedKey = { table: string; name: string; definition: string };

/** Drops the constraints of `tables` of one type ('f' foreign, 'p' primary), as read back from the database. */
async function dropKeys(db: Queryable, tables: readonly string[], type: "f" | "p"): Promise<DroppedKey[]> {
  const { rows } = await db.query<DroppedKey>(
    `SELECT conrelid::regclass::text AS table, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype = $2 ORDER BY 1, 2`,
    [tables, type],
  );
  for (const key of rows) await db.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
  return rows;
}

/**
 * Drops the foreign keys of `tables` and returns their definitions for restoreKeys. Why: a key is
 * checked row by row (one index lookup per row and key, queued as an after-trigger event), while adding
 * it back checks every row with one join: a bulk load that adds far more rows than a table holds is
 * cheaper that way. Only inside the caller's transaction: the ACCESS EXCLUSIVE lock taken on each table
 * is held to commit, and a rollback or a crash brings the keys back.
 */
export function dropForeignKeys(db: Queryable, tables: readonly string[]): Promise<DroppedKey[]> {
  return dropKeys(db, tables, "f");
}

/**
 * Drops the primary key of `table` (none referenced by a foreign key, or this fails) and returns it for
 * restoreKeys, which adds it back the same way: its index is then built once, sorted, and checked
 * for repeats as it is built. For an insert of far more rows than the table holds, after any statement
 * that needs the key (ON CONFLICT, lookups by it).
 */
export function dropPrimaryKey(db: Queryable, table: string): Promise<DroppedKey[]> {
  return dropKeys(db, [table], "p");
}

/** Adds the keys back: each checks every row at once, and a row that breaks one fails the caller's transaction. */
export async function restoreKeys(db: Queryable, keys: readonly DroppedKey[]): Promise<void> {
  for (const key of keys) await db.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
}
