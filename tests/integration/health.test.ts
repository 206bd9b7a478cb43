// The load-balancer health answers of the production web server, against a real PostgreSQL (and against
// databases that are gone, silent or never migrated): what they report, and that no cache ever keeps them.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import net from "node:net";
import pg from "pg";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { readMigrations } from "../../lib/db/migrate";
import { withDatabase } from "../../lib/db/with-database";
import { serveWithPageCache, type WebServer } from "../../lib/http/web-server";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();
const adminUrl = inject("adminDatabaseUrl");

/** A stand-in for Next that records every path it was asked to render. */
const rendered: string[] = [];
function handler(req: IncomingMessage, res: ServerResponse) {
  rendered.push(req.url ?? "");
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end("<p>page</p>");
}

let server: WebServer | null = null;

async function start(options: { databaseUrl?: string; ttlMs?: number } = {}) {
  server = await serveWithPageCache({
    port: 0,
    hostname: "127.0.0.1",
    databaseUrl: options.databaseUrl ?? database.url,
    cache: { ttlMs: options.ttlMs ?? 600_000, maxBytes: 1024 * 1024 },
    handler,
    log: () => undefined,
  });
  return server;
}

type Answer = {
  status: number;
  headers: Headers;
  text: string;
  body: { status?: string; checks?: Record<string, string>; error?: string };
};

async function request(path: string, method = "GET"): Promise<Answer> {
  const response = await fetch(`${server!.url}${path}`, { method });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : {} };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Ready once the catalogue listener has connected (it starts a moment after the server). */
async function untilReady() {
  await until(async () => (await request("/api/health/ready")).status === 200, "readiness");
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

afterEach(async () => {
  await server?.close();
  server = null;
});

const lastMigration = readMigrations().at(-1)!.name;
const emptyDatabases: string[] = [];

afterAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const name of emptyDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe("health endpoints", () => {
  it("a migrated database with the change channel listening is ready, every check ok", async () => {
    await start();
    await untilReady();
    const ready = await request("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", catalogueChanges: "ok" },
    });
    expect(ready.headers.get("content-type")).toMatch(/^application\/json/);
    expect(ready.headers.get("cache-control")).toBe("no-store");

    const live = await request("/api/health");
    expect(live.status).toBe(200);
    expect(live.body.status).toBe("ok");
    expect(live.headers.get("cache-control")).toBe("no-store");
  });

  it("with the page cache off there is no change channel: reported as off, still ready", async () => {
    await start({ ttlMs: 0 });
    const ready = await request("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: "ok", migrations: "ok", catalogueChanges: "off" });
  });

  it("a migration in prisma/migrations not recorded as finished makes the process not ready, naming it", async () => {
    await start();
    await untilReady();
    const { rows } = await database.pool.query<{ finished_at: Date }>(
      `SELECT finished_at FROM "_prisma_migrations" WHERE migration_name = $1`,
      [lastMigration],
    );
    await database.pool.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [
      lastMigration,
    ]);
    try {
      const ready = await request("/api/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe("not ready");
      expect(ready.body.checks!.database).toBe("ok");
      expect(ready.body.checks!.migrations).toContain(lastMigration);
    } finally {
      await database.pool.query(`UPDATE "_prisma_migrations" SET finished_at = $2 WHERE migration_name = $1`, [
        lastMigration,
        rows[0]!.finished_at,
      ]);
    }
    expect((await request("/api/health/ready")).status).toBe(200);
  });

  it("a database that was never migrated is not ready: every migration is missing", async () => {
    const name = `pp_health_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    emptyDatabases.push(name);
    await start({ databaseUrl: withDatabase(adminUrl, name), ttlMs: 0 });
    const ready = await request("/api/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.body.checks!.database).toBe("ok");
    expect(ready.body.checks!.migrations).toContain(`${readMigrations().length} not applied`);
  });

  it("a database that is down gives 503 naming the database, while liveness stays 200", async () => {
    const secretUrl = `postgresql://paperpulse:hunter2@127.0.0.1:${await closedPort()}/paperpulse`;
    await start({ databaseUrl: secretUrl });
    const ready = await request("/api/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe("not ready");
    expect(ready.body.checks!.database).not.toBe("ok");
    expect(ready.body.checks!.database).toMatch(/unreachable/);
    expect(ready.body.checks!.catalogueChanges).not.toBe("ok");
    // Short reasons only: no connection string, password or stack in a public body.
    expect(ready.text).not.toContain("hunter2");
    expect(ready.text).not.toContain("postgresql://");
    expect(ready.text).not.toMatch(/\bat .+:\d+:\d+/);

    const live = await request("/api/health");
    expect(live.status).toBe(200);
    expect(live.body.status).toBe("ok");
  });

  it("a database that accepts connections but never answers gives 503 instead of a hung probe", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      await start({ databaseUrl: `postgresql://paperpulse@127.0.0.1:${port}/paperpulse`, ttlMs: 0 });
      const ready = await request("/api/health/ready");
      expect(ready.status).toBe(503);
      expect(ready.body.checks!.database).toBe("timed out");
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("a lost change channel makes the process not ready until it listens again", async () => {
    await start();
    await untilReady();
    await database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'paperpulse-page-cache'`,
    );
    let down: Answer | null = null;
    await until(async () => {
      const answer = await request("/api/health/ready");
      if (answer.status === 503) down = answer;
      return down !== null;
    }, "readiness to notice the lost channel");
    expect(down!.body.checks!.catalogueChanges).not.toBe("ok");
    expect(down!.body.checks!.database).toBe("ok");
    await untilReady();
  });

  it("health answers never reach the page cache or the app, however often they are asked", async () => {
    await start();
    await untilReady();
    rendered.length = 0;
    for (const path of ["/api/health", "/api/health/ready", "/api/health?x=1"]) {
      for (let i = 0; i < 3; i++) {
        const answer = await request(path);
        expect(answer.status, path).toBe(200);
        expect(answer.headers.get("x-page-cache"), path).toBeNull();
        expect(answer.headers.get("cache-control"), path).toBe("no-store");
      }
    }
    expect(rendered).toEqual([]);
    // Anything else still goes through the cache to the app.
    await (await fetch(`${server!.url}/`)).text();
    expect(rendered).toEqual(["/"]);
  });

  it("only GET and HEAD are answered; other methods get 405 with Allow", async () => {
    await start({ ttlMs: 0 });
    for (const path of ["/api/health", "/api/health/ready"]) {
      const post = await request(path, "POST");
      expect(post.status).toBe(405);
      expect(post.headers.get("allow")).toBe("GET, HEAD");
      expect(post.body.error).toBeTruthy();
      const head = await fetch(`${server!.url}${path}`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await head.text()).toBe("");
    }
  });
});
