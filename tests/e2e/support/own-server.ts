// A production web process (scripts/serve.ts) of a test file's own, for tests that need settings the shared
// e2e server does not have (SITE_URL, TRUST_PROXY, SITE_MAIL_CAP_PER_HOUR...): its own freshly migrated and
// seeded database and data dir, dropped and removed by stop(). Start-up costs seconds: one per settings group.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../../lib/cli/free-port";
import { migrate } from "../../../lib/db/migrate";
import { seedIfEmpty } from "../../../lib/ingest/seed";
import { startTestServer, withDatabase } from "../../support/test-server";

export type OwnServer = {
  /** Where the tests reach it: http://<host>:<port>. */
  baseUrl: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  /** The mail outbox (RESEND_API_KEY is empty): `<dataDir>/outbox`. */
  outboxDir: string;
  /** The server's recent output, for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

export type OwnServerOptions = {
  /** Extra environment, given the port (SITE_URL usually names it). Empty strings unset a variable. */
  env?: (port: number) => Record<string, string>;
  /** The host name in baseUrl: "localhost" when the site's origin is http://localhost:<port>. */
  host?: string;
};

let started = 0;

async function waitForHttp(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

/** A migrated, seeded database, a fresh data dir and `scripts/serve.ts` on a free port (one web process). */
export async function startOwnServer(options: OwnServerOptions = {}): Promise<OwnServer> {
  const root = process.cwd();
  // The global setup already started this PostgreSQL (and built the app): this call finds it.
  const postgres = await startTestServer("e2e-postgres");
  const name = `pp_own_${process.pid}_${++started}`;
  const admin = new pg.Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(postgres.adminUrl, name);
  await migrate(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await seedIfEmpty(pool, "2025-05-01");
  await pool.end();

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "pp-own-data-"));
  const lines: string[] = [];
  const output = () => lines.join("");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "--port", String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        PAPERPULSE_DATA_DIR: dataDir,
        WEB_CONCURRENCY: "1",
        RESEND_API_KEY: "",
        AUTH_SECRET: "",
        AUTH_URL: "",
        SITE_URL: "",
        TRUST_PROXY: "",
        SITE_MAIL_CAP_PER_HOUR: "",
        ADMIN_EMAILS: "",
        ...options.env?.(port),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    lines.push(chunk.toString("utf8"));
    if (lines.length > 200) lines.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;
  try {
    await waitForHttp(baseUrl, child, output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, port, databaseUrl, dataDir, outboxDir: path.join(dataDir, "outbox"), output, stop };
}
