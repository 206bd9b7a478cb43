// GET /api/health and /api/health/ready for load balancers, answered by the web server before the page
// cache and Next: liveness says the process answers; readiness says it can serve the app right now.
import type { IncomingMessage, ServerResponse } from "node:http";
import pg from "pg";
import { readMigrations, unfinishedMigrations, type Migration } from "../db/migrate";

export const HEALTH_PATH = "/api/health";
const READY_PATH = "/api/health/ready";

/**
 * A dead or unreachable database must turn into a 503 well inside a load balancer's probe timeout
 * (usually 2-5 s), not a hung request.
 */
const CONNECT_TIMEOUT_MS = 1_500;
const STATEMENT_TIMEOUT_MS = 1_000;

export type HealthOptions = {
  databaseUrl: string;
  /**
   * Whether the catalogue-change channel is up (LISTEN in place). Absent when the page cache is off
   * (PAGE_CACHE_SECONDS=0): there is no channel then, and nothing is stale without it.
   */
  catalogueListening?: () => boolean;
  /** Defaults to prisma/migrations of the working directory, read once on the first readiness check. */
  migrations?: Migration[];
  log?(message: string): void;
};

export type HealthEndpoints = {
  /** Answers the two health paths and returns true; returns false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  close(): Promise<void>;
};

type Checks = { database: string; migrations: string; catalogueChanges: string };

export function createHealthEndpoints(options: HealthOptions): HealthEndpoints {
  const log = options.log ?? (() => undefined);
  // Its own small pool: a probe must not queue behind pages for a connection, nor take many of them.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    application_name: "paperpulse-health",
    max: 1,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 500,
    idleTimeoutMillis: 60_000,
  });
  // An idle connection the server dropped is the next check's problem, not a crash.
  pool.on("error", () => undefined);

  let migrations: Migration[] | null = options.migrations ?? null;
  // Probes from several balancers at once share one check instead of queueing for the one connection.
  let inFlight: Promise<Checks> | null = null;
  let lastSummary = "";
  let closing: Promise<void> | null = null;

  async function checkDatabase(): Promise<Pick<Checks, "database" | "migrations">> {
    const notChecked = "not checked (no database)";
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      return { database: describeDatabaseError(error), migrations: notChecked };
    }
    // A connection that failed or timed out a query is closed (release(true)), not handed to the next probe.
    try {
      await client.query("SELECT 1");
    } catch (error) {
      client.release(true);
      return { database: describeDatabaseError(error), migrations: notChecked };
    }
    try {
      migrations ??= readMigrations();
    } catch {
      client.release();
      return { database: "ok", migrations: "not checked (prisma/migrations unreadable)" };
    }
    try {
      const missing = await unfinishedMigrations(client, migrations);
      client.release();
      return { database: "ok", migrations: missing.length === 0 ? "ok" : describeMissing(missing) };
    } catch (error) {
      client.release(true);
      return { database: "ok", migrations: `not checked (${describeDatabaseError(error)})` };
    }
  }

  async function check(): Promise<Checks> {
    const catalogueChanges = !options.catalogueListening
      ? "off"
      : options.catalogueListening()
        ? "ok"
        : "not listening (page cache off until it is back)";
    const checks = { ...(await checkDatabase()), catalogueChanges };
    const summary = JSON.stringify(checks);
    if (summary !== lastSummary) {
      if (lastSummary || !isReady(checks)) log(`readiness: ${isReady(checks) ? "ready" : "not ready"} ${summary}`);
      lastSummary = summary;
    }
    return checks;
  }

  async function answerReady(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight ??= check().finally(() => (inFlight = null));
    const checks = await inFlight;
    const ready = isReady(checks);
    send(req, res, ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks });
  }

  return {
    handle(req, res) {
      const path = (req.url ?? "").split("?", 1)[0];
      if (path !== HEALTH_PATH && path !== READY_PATH) return false;
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.setHeader("allow", "GET, HEAD");
        send(req, res, 405, { error: "Use GET or HEAD." });
        return true;
      }
      if (path === HEALTH_PATH) {
        send(req, res, 200, { status: "ok", uptimeSeconds: Math.floor(process.uptime()) });
        return true;
      }
      answerReady(req, res).catch(() => {
        if (!res.headersSent) send(req, res, 503, { status: "not ready", checks: { database: "check failed" } });
        else res.destroy();
      });
      return true;
    },
    close() {
      // Idempotent, like the server's own close: callers may close twice.
      closing ??= pool.end();
      return closing;
    },
  };
}

function isReady(checks: Checks): boolean {
  return (
    checks.database === "ok" &&
    checks.migrations === "ok" &&
    (checks.catalogueChanges === "ok" || checks.catalogueChanges === "off")
  );
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : json);
}

function describeMissing(names: string[]): string {
  const shown = names.slice(0, 3).join(", ");
  return `${names.length} not applied: ${shown}${names.length > 3 ? ", ..." : ""} (run npm run db:migrate)`;
}

/**
 * A short reason without the connection string, host names or a stack: the body is public. The full
 * error is the database's log to tell.
 */
function describeDatabaseError(error: unknown): string {
  const { message = "", code } = error as { message?: string; code?: unknown };
  if (/timeout|timed out/i.test(message)) return "timed out";
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return `unreachable (${code})`;
  // SQLSTATE: 57P01 shut down, 57P03 starting up, 28P01 bad password, 3D000 no such database...
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return `error (SQLSTATE ${code})`;
  return "unreachable";
}
