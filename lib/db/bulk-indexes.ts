// A bulk load's secondary indexes: dropped before its inserts, rebuilt once after them.
import type { Queryable } from "./queryable";

/**
 * Drops every index of `tables` that backs no constraint (primary keys and constraint-backed unique
 * keys stay: statements and foreign keys find rows by them) and returns their definitions, read back
 * from the database, for rebuildIndexes. Why: a load that adds more rows than a table holds builds an
 * index once, sorted, faster than it inserts into it row by row. Only inside the caller's transaction:
 * DROP INDEX holds an ACCESS EXCLUSIVE lock on the table to commit, and a rollback or a crash brings
 * the indexes back. A unique index dropped here is checked again when it is rebuilt: a duplicate the
 * load let in fails the rebuild and so the caller's transaction.
 */
export async function dropSecondaryIndexes(db: Queryable, tables: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ name: string; definition: string }>(
    `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = ANY($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY c.relname`,
    [tables],
  );
  for (const row of rows) await db.query(`DROP INDEX ${row.name}`);
  return rows.map((row) => row.definition);
}

/** Builds the dropped indexes again, as they were. */
export async function rebuildIndexes(db: Queryable, definitions: readonly string[]): Promise<void> {
  for (const definition of definitions) await db.query(definition);
}
