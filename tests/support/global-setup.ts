// Vitest global setup: one PostgreSQL for the run (TEST_DATABASE_URL or an embedded server
// under .data/test-postgres) and a migrated template that each test file clones.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrate";
import { startTestServer, withDatabase } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const { adminUrl, stop: stopServer } = await startTestServer();

  const template = `pp_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await migrate(withDatabase(adminUrl, template));

  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", template);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'pp_test_${process.pid}_%' OR datname = $1`,
      [template],
    );
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await stopServer();
  };
}
