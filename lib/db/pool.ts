// The web process's one pg Pool, which its lib adapters hand to the batch modules (the importer, the digest mailer):
// built on first use from DATABASE_URL or the URL given to setServerPoolUrl, cached on globalThis. Pages use db().
import "server-only";
import pg from "pg";
import { env } from "../env";

const holder = globalThis as unknown as { serverPool?: pg.Pool; serverPoolUrl?: string };

function databaseUrl(): string {
  const url = holder.serverPoolUrl ?? env().DATABASE_URL;
  if (!url)
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded database, or set DATABASE_URL.",
    );
  return url;
}

/** Small: admin imports serialize on an advisory lock and test digests are one click at a time. */
export function serverPool(): pg.Pool {
  if (!holder.serverPool) {
    holder.serverPool = new pg.Pool({ connectionString: databaseUrl(), max: 4 });
    // An idle connection the server dropped (restart, failover) must not crash the web process.
    holder.serverPool.on("error", (error) => console.error(`[db] idle connection lost: ${error.message}`));
  }
  return holder.serverPool;
}

/**
 * A connection outside the pool, for a lock held while pooled connections do the work
 * (an admin import's preview row): taking both from one pool could exhaust it.
 */
export async function connectOutsidePool(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  return client;
}

/**
 * Points serverPool() and connectOutsidePool() at `url` instead of DATABASE_URL (tests inject their
 * database this way); a pool already built for another database is ended first.
 */
export async function setServerPoolUrl(url: string): Promise<void> {
  await closeServerPool();
  holder.serverPoolUrl = url;
}

/** For tests: end the pool before their database is dropped; the next serverPool() builds a new one. */
export async function closeServerPool(): Promise<void> {
  const pool = holder.serverPool;
  delete holder.serverPool;
  await pool?.end();
}
