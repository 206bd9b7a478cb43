// The production web process (scripts/serve.ts) as the HTTP benches run it: started on a free port against
// a catalogue, waited for, stopped. bench:http, bench:weight and bench:lighthouse share it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { buildIfNeeded } from "../cli/build-if-needed";
import { freePort } from "../cli/free-port";
import { localToday } from "../cli/today";
import { openDatabase } from "../db/database-url";
import { migrate } from "../db/migrate";
import { withDatabase } from "../db/with-database";
import { seedIfEmpty } from "../ingest/seed";

/** A static file of the build: it answers as soon as the server listens, and it is the benches' baseline. */
export const BASELINE_PATH = "/bench-baseline.txt";

export type BenchServer = { child: ChildProcess; base: string; output(): string };

export type ServerOptions = {
  root: string;
  databaseUrl: string;
  port: number;
  /** WEB_CONCURRENCY: worker processes sharing the port. */
  workers?: number;
  /** More environment for the server (PAGE_CACHE_SECONDS=0...). */
  env?: Record<string, string>;
};

export function startServer(options: ServerOptions): BenchServer {
  let output = "";
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(options.root, "scripts", "serve.ts"),
      "--port",
      String(options.port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: options.root,
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        PORT: String(options.port),
        NODE_ENV: "production",
        WEB_CONCURRENCY: String(options.workers ?? 1),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, base: `http://127.0.0.1:${options.port}`, output: () => output };
}

export async function waitForServer(server: BenchServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the server exited with code ${server.child.exitCode}`);
    try {
      const response = await fetch(`${server.base}${BASELINE_PATH}`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not answer ${BASELINE_PATH} within ${timeoutMs / 1000} s`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The app's own database as `npm start` prepares it (embedded unless DATABASE_URL, migrated, the sample
 * digest imported when empty); or `name`, another database on that server; or `url`, migrated.
 */
async function appCatalogue(
  choice: { url?: string; name?: string },
  log: (message: string) => void,
): Promise<{ url: string; label: string; release(): Promise<void> }> {
  if (choice.url) {
    await migrate(choice.url);
    return { url: choice.url, label: new URL(choice.url).pathname.slice(1), release: async () => undefined };
  }
  const database = await openDatabase(log);
  const url = choice.name ? withDatabase(database.url, choice.name) : database.url;
  try {
    await migrate(url);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const seeded = await seedIfEmpty(pool, localToday()).finally(() => pool.end());
    if (seeded) log(`Empty catalogue: imported the sample digest (${seeded.counts.new} papers).`);
  } catch (error) {
    await database.release();
    throw error;
  }
  const label = `${choice.name ?? "the app database"} (${database.kind} server)`;
  return { url, label, release: () => database.release() };
}

/**
 * The site a page bench measures: `url` when given (a server someone already runs), else the production
 * server started here on the app's catalogue (built first if needed). `close` stops what was started.
 */
async function benchSite(
  choice: { url?: string; databaseUrl?: string; database?: string },
  root: string,
  log: (message: string) => void,
): Promise<{ base: string; close(): Promise<void> }> {
  if (choice.url) return { base: choice.url, close: async () => undefined };
  const catalogue = await appCatalogue({ url: choice.databaseUrl, name: choice.database }, log);
  let server: BenchServer | undefined;
  const close = async () => {
    if (server) await stopServer(server.child);
    await catalogue.release();
  };
  try {
    buildIfNeeded(root, log);
    server = startServer({ root, databaseUrl: catalogue.url, port: await freePort() });
    await waitForServer(server);
  } catch (error) {
    await close();
    throw error;
  }
  log(`serving ${catalogue.label} at ${server.base}`);
  return { base: server.base, close };
}

/**
 * A page bench's whole run: the site (benchSite), `measure` against it, the site stopped, the process
 * ended. Exits 1 when `measure` throws (its message printed after `name`) or says a figure is missing.
 */
export async function runPageBench(
  name: string,
  choice: { url?: string; databaseUrl?: string; database?: string },
  root: string,
  log: (message: string) => void,
  measure: (base: string) => Promise<boolean>,
): Promise<never> {
  let close = async () => undefined as void;
  let exitCode = 0;
  try {
    const site = await benchSite(choice, root, log);
    close = site.close;
    if (!(await measure(site.base))) exitCode = 1;
  } catch (error) {
    console.error(`[${name}] failed: ${(error as Error).message}`);
    exitCode = 1;
  } finally {
    await close();
  }
  process.exit(exitCode);
}

/** The first paper a home page links to, so a paper page measured is one of the digest's. */
export function firstPaperPathIn(homeHtml: string): string {
  const match = /href="(\/papers\/[^"?#]+)"/.exec(homeHtml);
  if (!match) throw new Error("the home page links to no paper: import a digest first (npm run import -- FILE)");
  return match[1]!;
}
