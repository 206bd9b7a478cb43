// The one type for a pg client handed to batch code: whatever runs a statement (see lib/db/README.md).
import type pg from "pg";

/**
 * Something that runs one SQL statement with pg: a `pg.Pool`, a checked-out `pg.PoolClient`, a `pg.Client`,
 * or a wrapper around one (the importer's statement tracer). A function that only runs statements takes
 * this; one that needs a connection of its own (a transaction, COPY, a lock held across statements)
 * takes a `pg.Pool` and checks one out, and one that streams COPY takes the `pg.PoolClient` it is given.
 *
 * Only the `(text, values)` call is part of it, so a wrapper is one function. Rows are `any` unless the
 * caller names their type, as on pg's own `query`: code moves between a pool and a Queryable unchanged.
 */
export type Queryable = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's own default, see above
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
};
