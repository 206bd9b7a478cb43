// The migration runner: concurrent starts, and the record it keeps for `prisma migrate deploy`.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate, readMigrations } from "../../lib/db/migrate";
import { withDatabase } from "../../lib/db/with-database";

const adminUrl = inject("adminDatabaseUrl");
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `pp_migrate_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  return withDatabase(adminUrl, name);
}

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("migrate", () => {
  it("three processes starting at once apply each migration exactly once", async () => {
    const url = await emptyDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);

    const names = readMigrations().map((migration) => migration.name);
    expect(results.flat().sort()).toEqual([...names].sort());
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    expect(rows).toEqual(
      names.map((name) => ({
        migration_name: name,
        checksum: createHash("sha256")
          .update(readFileSync(`prisma/migrations/${name}/migration.sql`))
          .digest("hex"),
        finished: true,
        applied_steps_count: 1,
      })),
    );
  });

  it("a second run applies nothing", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    expect(await migrate(url)).toEqual([]);
  });

  it("refuses a migration edited after it was applied, naming it and the fix", async () => {
    const url = await emptyDatabase();
    const migrations = readMigrations();
    await migrate(url, migrations);
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(migrate(url, edited)).rejects.toThrow(
      new RegExp(`${migrations[0]!.name} was changed after it was applied.*add a new migration`),
    );
  });
});
