// A fresh, migrated database per test file, cloned from the run's template, injected into the app's own clients.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { closeServerPool, setServerPoolUrl } from "../../lib/db/pool";
import { disconnectDb, setDatabaseUrl } from "../../lib/db/prisma";

export type TestDatabase = { url: string; pool: pg.Pool };

/**
 * Call at the top of a test file; the database exists from beforeAll to afterAll. The app's clients,
 * db() and serverPool() (with connectOutsidePool()), use it too: code under test that reaches for them
 * gets this database, never DATABASE_URL (a developer's own database). A file that calls this twice
 * gives them the second one.
 */
export function setUpTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  const adminUrl = inject("adminDatabaseUrl");
  const template = inject("templateDatabase");
  // The template's creator pid is in its name; test databases carry it too for cleanup.
  const name = `pp_test_${template.split("_").at(-1)}_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle.url = url.toString();
    handle.pool = new pg.Pool({ connectionString: handle.url, max: 4 });
    await disconnectDb();
    setDatabaseUrl(handle.url);
    await setServerPoolUrl(handle.url);
  });

  afterAll(async () => {
    await handle.pool?.end();
    // The app's own clients (Prisma's, the pg pool of lib/db/pool.ts) let go before the database is
    // dropped: a connection the DROP terminates would surface as an unhandled error in the run.
    await disconnectDb();
    await closeServerPool();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // Disconnecting returns before every connection has closed; one the DROP terminates while it is
    // still closing raises an unhandled error in its pool. Wait (briefly) for them to go first.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  return handle;
}
