// The pg Pool the admin's test digest runs on inside the web process (lib/digest takes a pg Pool, not Prisma): built on first use.
import "server-only";
import pg from "pg";
import { env } from "../env";

const holder = globalThis as unknown as { adminMailPool?: pg.Pool };

/** Two connections: one test digest at a time per admin click; pages keep using Prisma's own pool. */
export function adminMailPool(): pg.Pool {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which starts the embedded database, or set DATABASE_URL.");
  holder.adminMailPool ??= new pg.Pool({ connectionString: url, max: 2 });
  return holder.adminMailPool;
}

/** For tests: end the pool before their database is dropped. */
export async function closeAdminMailPool(): Promise<void> {
  const pool = holder.adminMailPool;
  delete holder.adminMailPool;
  await pool?.end();
}
