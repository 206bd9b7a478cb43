// Databases for tests that run two things on one catalogue: a catalogue prepared once, and copies of it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export type Catalogue = { name: string; url: string; pool: pg.Pool };

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database cloned from `template` (the run's migrated, empty one by default). Named like
 * tests/support/database.ts names its databases, so the run's teardown drops any left behind.
 */
async function cloneDatabase(template: string): Promise<Catalogue> {
  const runTemplate = inject("templateDatabase");
  const name = `pp_test_${runTemplate.split("_").at(-1)}_${randomBytes(4).toString("hex")}`;
  // PostgreSQL waits (up to 5 s) for the template's last connections to finish closing.
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = new URL(inject("adminDatabaseUrl"));
  url.pathname = `/${name}`;
  return { name, url: url.toString(), pool: new pg.Pool({ connectionString: url.toString(), max: 4 }) };
}

/** An empty, migrated catalogue. */
export function emptyCatalogue(): Promise<Catalogue> {
  return cloneDatabase(inject("templateDatabase"));
}

/**
 * Copies of `source` as it is now, one per entry of `count`. A database with open connections cannot
 * be copied, so the source's pool is closed first and a fresh one is put in its place.
 */
export async function copyCatalogue(source: Catalogue, count: number): Promise<Catalogue[]> {
  await source.pool.end();
  const copies: Catalogue[] = [];
  for (let i = 0; i < count; i++) copies.push(await cloneDatabase(source.name));
  source.pool = new pg.Pool({ connectionString: source.url, max: 4 });
  return copies;
}

export async function dropCatalogue(catalogue: Catalogue): Promise<void> {
  await catalogue.pool.end();
  await admin(async (client) => {
    // Ending a pool returns before its connections have closed; one the DROP terminates while it is
    // still closing raises an unhandled error in the pool. Wait (briefly) for them, as database.ts does.
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
        [catalogue.name],
      );
      if (rows[0]!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`DROP DATABASE IF EXISTS ${catalogue.name} WITH (FORCE)`);
  });
}
