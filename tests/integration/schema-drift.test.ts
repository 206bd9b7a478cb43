import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { prismaSqlForSchema } from "../support/prisma-schema-sql";
import { snapshotSchema } from "../support/schema-snapshot";
import { setUpTestDatabase } from "../support/database";

const migrated = setUpTestDatabase();

describe("migrations and schema.prisma", () => {
  it("the migrated database has exactly the tables, columns, indexes and enums Prisma derives from schema.prisma", async () => {
    const adminUrl = inject("adminDatabaseUrl");
    const name = `pp_drift_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const sql = await prismaSqlForSchema(url.toString());
      const fromSchema = new pg.Client({ connectionString: url.toString() });
      await fromSchema.connect();
      await fromSchema.query(sql);
      await fromSchema.end();

      const expected = await snapshotSchema(url.toString());
      const actual = await snapshotSchema(migrated.url);
      expect(actual).toEqual(expected);
      expect(expected.columns!.length).toBeGreaterThan(20);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);
});
