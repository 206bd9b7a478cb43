// The pg Pool the importer runs on inside the web process: built on first use from DATABASE_URL, cached on globalThis.
import "server-only";
import pg from "pg";
import { env } from "../env";

const holder = globalThis as unknown as { adminImportPool?: pg.Pool };

function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded database, or set DATABASE_URL.");
  return url;
}

/** Small: imports serialize on an advisory lock anyway, and the Prisma client keeps its own pool for pages. */
export function importPool(): pg.Pool {
  holder.adminImportPool ??= new pg.Pool({ connectionString: databaseUrl(), max: 4 });
  return holder.adminImportPool;
}

/**
 * A connection outside the pool, for the lock a confirmation holds on its preview while the importer
 * uses pooled connections: taking both from one pool could exhaust it under concurrent confirmations.
 */
export async function connectOutsidePool(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  return client;
}

/** For tests: end the pool before their database is dropped. */
export async function closeImportPool(): Promise<void> {
  const pool = holder.adminImportPool;
  delete holder.adminImportPool;
  await pool?.end();
}
