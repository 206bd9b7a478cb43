// Browser-test setup: a seeded database, a production build, and the production web process (scripts/serve.ts) on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { buildIfNeeded } from "../../../lib/cli/build-if-needed";
import { freePort } from "../../../lib/cli/free-port";
import { migrate } from "../../../lib/db/migrate";
import { seedIfEmpty } from "../../../lib/ingest/seed";
import { startTestServer, withDatabase } from "../../support/test-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
    /** The app's data dir: its mail outbox is `<dataDir>/outbox`. */
    e2eDataDir: string;
  }
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Signs in as an admin in the browser tests (ADMIN_EMAILS of the test server). */
export const E2E_ADMIN_EMAIL = "admin@example.org";

export default async function setup(project: TestProject) {
  const root = process.cwd();
  const server = await startTestServer("e2e-postgres");
  const name = `pp_e2e_${process.pid}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(server.adminUrl, name);
  await migrate(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await seedIfEmpty(pool, "2025-05-01");
  await pool.end();

  buildIfNeeded(root, (message) => console.log(message));
  const port = await freePort();
  // A fresh data dir per run: an empty outbox, a generated AUTH_SECRET, no leftovers from the last run.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pp-e2e-data-"));
  // The production web process (scripts/serve.ts: Next behind the anonymous page cache), as `npm start` runs it.
  const next = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "--port", String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        PAPERPULSE_DATA_DIR: dataDir,
        ADMIN_EMAILS: E2E_ADMIN_EMAIL,
        // The one public origin: links in mail and pages point here whatever Host a request names.
        SITE_URL: `http://127.0.0.1:${port}`,
        // Two workers, each with its own page cache: a change one of them makes must reach the other.
        WEB_CONCURRENCY: "2",
        RESEND_API_KEY: "",
        AUTH_SECRET: "",
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(baseUrl, next, 60_000);

  project.provide("baseUrl", baseUrl);
  project.provide("e2eDatabaseUrl", databaseUrl);
  project.provide("e2eDataDir", dataDir);

  return async () => {
    next.kill("SIGTERM");
    await new Promise((resolve) => (next.exitCode !== null ? resolve(null) : next.once("exit", resolve)));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
