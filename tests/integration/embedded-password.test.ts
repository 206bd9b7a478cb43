// The embedded PostgreSQL's password: random, made once, kept 0600 beside the data directory; a data
// directory made with the old fixed password keeps working and the old password stops working.
import { randomBytes } from "node:crypto";
import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  effectiveDataDir,
  embeddedUrl,
  ensureEmbeddedServer,
  LEGACY_PASSWORD,
  loadEmbeddedPostgres,
  passwordFileFor,
  type EmbeddedServer,
} from "../../lib/db/embedded";
import { projectRoot } from "./helpers/run-cli";

const SETTINGS = { fsync: "off", synchronous_commit: "off", max_connections: "20" };
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A data directory of its own under .data/ (as root the server's user must reach it). */
function newDataDir(): string {
  const root = path.join(projectRoot, ".data", `embedded-password-${randomBytes(4).toString("hex")}`);
  const dataDir = path.join(root, "postgres");
  cleanups.push(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(path.dirname(effectiveDataDir(dataDir)), { recursive: true, force: true });
  });
  return dataDir;
}

async function start(dataDir: string): Promise<EmbeddedServer> {
  const server = await ensureEmbeddedServer({ dataDir, settings: SETTINGS });
  cleanups.push(() => server.stop());
  return server;
}

/** Connects as the server's superuser with `password`: the answer of a query, or the error's SQLSTATE. */
async function query(port: number, password: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: embeddedUrl({ port, password }, "postgres") });
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } catch (error) {
    return (error as { code?: string }).code;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A cluster as versions before the password file made it: initdb with the fixed password. */
async function legacyCluster(dataDir: string) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = new EmbeddedPostgres({
    databaseDir: effectiveDataDir(dataDir),
    port,
    user: "postgres",
    password: LEGACY_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  expect(
    await query(port, LEGACY_PASSWORD, "CREATE TABLE kept AS SELECT 'made with the old password'::text AS note"),
  ).toEqual([]);
  return { port, server };
}

describe("the embedded PostgreSQL password", () => {
  it("a new data directory gets a random password in a 0600 file beside it, and the old fixed one does not connect", async () => {
    const dataDir = newDataDir();
    const server = await start(dataDir);

    const file = passwordFileFor(effectiveDataDir(dataDir));
    expect(path.basename(file)).toBe("postgres-password");
    const info = await stat(file);
    expect(info.mode & 0o777).toBe(0o600);
    expect(info.uid).toBe((await stat(effectiveDataDir(dataDir))).uid); // owned by the server's user
    const password = (await readFile(file, "utf8")).trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(server.password).toBe(password);
    expect(await query(server.port, password, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    expect(await query(server.port, LEGACY_PASSWORD, "SELECT 1")).toBe("28P01");
    expect(embeddedUrl(server, "paperpulse")).toBe(
      `postgresql://postgres:${password}@127.0.0.1:${server.port}/paperpulse`,
    );
  }, 120_000);

  it("a data directory made with the old fixed password keeps its data and moves to a random password at the next start", async () => {
    const dataDir = newDataDir();
    const legacy = await legacyCluster(dataDir);
    await legacy.server.stop();

    const server = await start(dataDir);

    const password = (await readFile(passwordFileFor(effectiveDataDir(dataDir)), "utf8")).trim();
    expect(password).not.toBe(LEGACY_PASSWORD);
    expect(server.password).toBe(password);
    expect(await query(server.port, password, "SELECT note FROM kept")).toEqual([
      { note: "made with the old password" },
    ]);
    expect(await query(server.port, LEGACY_PASSWORD, "SELECT 1")).toBe("28P01");
  }, 120_000);

  it("a server an older version left running is moved to the random password by the next process that uses it", async () => {
    const dataDir = newDataDir();
    const legacy = await legacyCluster(dataDir);
    cleanups.push(() => legacy.server.stop());

    const server = await start(dataDir);

    expect(server).toMatchObject({ port: legacy.port, owned: false });
    expect(await query(server.port, server.password, "SELECT note FROM kept")).toEqual([
      { note: "made with the old password" },
    ]);
    expect(await query(server.port, LEGACY_PASSWORD, "SELECT 1")).toBe("28P01");
    // A second process reads the same file and connects as it is.
    expect((await start(dataDir)).password).toBe(server.password);
  }, 120_000);
});
