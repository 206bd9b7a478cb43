// The page cache of the production web process against a real PostgreSQL: what it replays, what it
// never keeps, and how committed changes from any connection reach the next reader.
import type { IncomingMessage, ServerResponse } from "node:http";
import http from "node:http";
import net from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUE_CHANNEL } from "../../lib/http/catalogue-changes";
import type { PageCacheOptions } from "../../lib/http/page-cache";
import { serveWithPageCache, type WebServer } from "../../lib/http/web-server";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

/** A stand-in for Next: renders the digest list from the database, counting renders. */
function digestPage() {
  // A closed gate holds renders of its path until opened.
  const state = {
    renders: 0,
    followers: 0,
    gate: null as { path: string; opened: Promise<void> } | null,
    lastCookie: undefined as string | undefined,
  };
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    state.renders++;
    state.lastCookie = req.headers.cookie;
    if (state.gate && req.url === state.gate.path) await state.gate.opened;
    if (req.url === "/feed.xml") {
      res.setHeader("set-cookie", "visitor=1");
    }
    if (req.url === "/digests/huge") {
      // Like Next, wait for the socket to drain: a reader who does not read holds this render.
      res.setHeader("content-type", "text/html; charset=utf-8");
      const chunk = Buffer.alloc(64 * 1024, "x");
      for (let i = 0; i < 24 * 16; i++) {
        if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
      }
      res.end();
      return;
    }
    if (req.url?.startsWith("/papers/missing")) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    const { rows } = await database.pool.query<{ source: string }>("SELECT source FROM digest ORDER BY date");
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.write("<ul>");
    for (const row of rows) res.write(`<li>${row.source}</li>`);
    res.end("</ul>");
  };
  return { state, handler };
}

let page: ReturnType<typeof digestPage>;
let server: WebServer;

async function start(cache: Partial<PageCacheOptions> = {}) {
  page = digestPage();
  const state = page.state;
  server = await serveWithPageCache({
    port: 0,
    hostname: "127.0.0.1",
    databaseUrl: database.url,
    cache: { ttlMs: 600_000, maxBytes: 8 * 1024 * 1024, onFollow: () => state.followers++, ...cache },
    handler: page.handler,
    log: () => undefined,
  });
  await until(async () => (await get("/")).cache !== "OFF", "the cache to start listening");
}

/** Holds renders of `path` until the returned function is called. */
function closeGate(path: string): () => void {
  let open!: () => void;
  page.state.gate = { path, opened: new Promise((resolve) => (open = resolve)) };
  return () => {
    open();
    page.state.gate = null;
  };
}

async function get(path: string, headers: Record<string, string> = {}, method = "GET") {
  const response = await fetch(`${server.url}${path}`, { headers, method });
  return { status: response.status, cache: response.headers.get("x-page-cache"), body: await response.text() };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function addDigest(date: string, source: string) {
  await database.pool.query("INSERT INTO digest (date, source) VALUES ($1, $2)", [date, source]);
}

beforeAll(async () => {
  await addDigest("2025-04-30", "first-digest");
});

afterEach(async () => {
  await server?.close();
});

afterAll(async () => {
  await server?.close();
});

describe("the anonymous page cache", () => {
  it("a signed-out reader's second visit is replayed byte for byte without rendering again", async () => {
    await start();
    const first = await get("/tags");
    const rendersAfterFirst = page.state.renders;
    const second = await get("/tags");
    expect(first.cache).toBe("MISS");
    expect(second.cache).toBe("HIT");
    expect(second.body).toBe(first.body);
    expect(second.body).toContain("first-digest");
    expect(page.state.renders).toBe(rendersAfterFirst);
  });

  it("fifty readers asking for a cold page at the same moment cause one render", async () => {
    await start();
    const before = page.state.renders;
    const open = closeGate("/search?q=video");
    const answers = Array.from({ length: 50 }, () => get("/search?q=video"));
    // All fifty are in: one renders, the other 49 wait for it.
    await until(
      async () => page.state.renders > before && page.state.followers === 49,
      "49 visitors waiting for one render",
    );
    open();
    const results = await Promise.all(answers);
    expect(page.state.renders - before).toBe(1);
    expect(new Set(results.map((result) => result.body)).size).toBe(1);
    expect(results.filter((result) => result.cache === "HIT")).toHaveLength(49);
  });

  /** A session row as Auth.js writes it; its token is what the browser's cookie carries. */
  async function sessionToken(expiresInSeconds: number): Promise<string> {
    const token = `tok_${Math.random().toString(36).slice(2)}${Date.now()}`;
    const userId = `u_${token}`;
    await database.pool.query(`INSERT INTO app_user (id, email) VALUES ($1, $2)`, [userId, `${userId}@example.org`]);
    await database.pool.query(
      `INSERT INTO auth_session (session_token, user_id, expires) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [token, userId, expiresInSeconds],
    );
    return token;
  }

  it("a signed-in reader (a live session, whole or in chunks) gets the page everyone gets, rendered without the session", async () => {
    await start();
    const live = await sessionToken(3600);
    const anonymous = await get("/tags/video");
    for (const cookie of [
      `authjs.session-token=${live}`,
      `theme=dark; authjs.session-token.1=${live.slice(6)}; authjs.session-token.0=${live.slice(0, 6)}`,
    ]) {
      const before = page.state.renders;
      const mine = await get("/tags/video", { cookie });
      expect(mine.cache, cookie).toBe("HIT");
      expect(mine.body).toBe(anonymous.body);
      expect(page.state.renders - before).toBe(0);
    }
    // A miss rendered for a signed-in reader never shows Next the session: safe to keep for everyone.
    const miss = await get("/tags/audio", { cookie: `theme=dark; authjs.session-token=${live}` });
    expect(miss.cache).toBe("MISS");
    expect(page.state.lastCookie).toBe("theme=dark");
    expect((await get("/tags/audio")).cache).toBe("HIT");
  });

  it("client navigations, POSTs and account pages are rendered every time, with the session", async () => {
    await start();
    const live = await sessionToken(3600);
    const cases: [string, Record<string, string>, string][] = [
      ["/", { rsc: "1" }, "GET"],
      ["/", {}, "POST"],
      ["/me", { cookie: `authjs.session-token=${live}` }, "GET"],
    ];
    for (const [path, headers, method] of cases) {
      const before = page.state.renders;
      const first = await get(path, headers, method);
      const second = await get(path, headers, method);
      expect(first.cache, `${method} ${path} ${JSON.stringify(headers)}`).toBe("BYPASS");
      expect(second.cache).toBe("BYPASS");
      expect(page.state.renders - before).toBe(2);
      if (headers.cookie) expect(page.state.lastCookie).toBe(headers.cookie);
    }
  });

  it("a session cookie that is no live session (empty, made up, expired) gets the anonymous page from the cache", async () => {
    await start();
    const expired = await sessionToken(-60);
    await get("/"); // stored (start() may already have)
    for (const cookie of [
      "authjs.session-token=",
      "authjs.session-token=made-up",
      `authjs.session-token=${expired}`,
      "authjs.session-token.0=x; authjs.session-token.1=y",
    ]) {
      expect((await get("/", { cookie })).cache, cookie).toBe("HIT");
    }
    // Rendered on a miss, the page never sees the dead cookie: it is the anonymous page, safe to keep.
    const before = page.state.renders;
    expect((await get("/digests/2025-04-30", { cookie: "theme=dark; authjs.session-token=made-up" })).cache).toBe(
      "MISS",
    );
    expect(page.state.renders - before).toBe(1);
    expect(page.state.lastCookie).toBe("theme=dark");
  });

  it("a response that sets a cookie or is not a 200 is never replayed to someone else", async () => {
    await start();
    expect((await get("/feed.xml")).cache).toBe("MISS");
    expect((await get("/feed.xml")).cache).toBe("MISS");
    expect((await get("/papers/missing")).status).toBe(404);
    const again = await get("/papers/missing");
    expect(again.status).toBe(404);
    expect(again.cache).toBe("MISS");
  });

  it("a digest committed by another connection reaches the next reader long before the time limit", async () => {
    await start();
    await get("/");
    expect((await get("/")).cache).toBe("HIT");
    await addDigest("2025-05-01", "second-digest");
    await until(async () => (await get("/")).body.includes("second-digest"), "the new digest on the page");
    expect((await get("/")).cache).toBe("HIT");
  });

  it("changes to tables public pages do not show, and rolled-back changes, keep the cache", async () => {
    await start();
    await get("/digests/2025-04-30");
    // A listener of our own hears what the cache's listener hears. PostgreSQL delivers notifications
    // in commit order, so once a marker sent after the changes arrives, any notification they caused
    // would have arrived before it.
    const listener = new pg.Client({ connectionString: database.url });
    const heard: string[] = [];
    listener.on("notification", (message) => heard.push(message.channel));
    await listener.connect();
    try {
      await listener.query(`LISTEN ${CATALOGUE_CHANNEL}`);
      await listener.query("LISTEN test_marker");
      await database.pool.query("INSERT INTO rate_limit_event (bucket, key) VALUES ('sign-in', 'someone@example.org')");
      const client = await database.pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("INSERT INTO digest (date, source) VALUES ('2030-01-01', 'rolled-back')");
        await client.query("ROLLBACK");
      } finally {
        client.release();
      }
      await database.pool.query("NOTIFY test_marker");
      await until(async () => heard.includes("test_marker"), "the marker notification");
    } finally {
      await listener.end();
    }
    expect(heard).toEqual(["test_marker"]);
    const after = await get("/digests/2025-04-30");
    expect(after.cache).toBe("HIT");
    expect(after.body).not.toContain("rolled-back");
  });

  it("a page rendered while a change commits is not kept (it may show the old catalogue)", async () => {
    await start();
    // A page already kept, read again below to see when the change has cleared the cache.
    await get("/tags");
    expect((await get("/tags")).cache).toBe("HIT");
    const open = closeGate("/tags/video");
    const before = page.state.renders;
    const inFlight = get("/tags/video");
    await until(async () => page.state.renders > before, "the render to start");
    await database.pool.query("UPDATE digest SET source = source WHERE date = '2025-04-30'");
    await until(async () => (await get("/tags")).cache === "MISS", "the change to clear the cache");
    open();
    await inFlight;
    expect((await get("/tags/video")).cache).toBe("MISS");
    expect((await get("/tags/video")).cache).toBe("HIT");
  });

  it("while the change channel is down pages are rendered per request, and caching resumes once it is back", async () => {
    await start();
    await get("/");
    expect((await get("/")).cache).toBe("HIT");
    await database.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'paperpulse-page-cache' AND datname = current_database()",
    );
    await until(async () => (await get("/")).cache === "OFF", "the cache to switch off");
    await until(async () => (await get("/")).cache === "HIT", "the cache to come back", 15_000);
  });

  it("a visitor who never reads the page does not hold up others asking for it", async () => {
    await start();
    const before = page.state.renders;
    const stalled = net.connect(Number(new URL(server.url).port), "127.0.0.1");
    stalled.on("error", () => undefined);
    await new Promise((resolve) => stalled.once("connect", resolve));
    stalled.write("GET /digests/huge HTTP/1.1\r\nHost: localhost\r\n\r\n");
    stalled.pause();
    await until(async () => page.state.renders > before, "the stalled render to start");
    // The same request (same Host, no Accept-Encoding), so the same cache key as the stalled one.
    const other = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      http
        .get(`${server.url}/digests/huge`, { headers: { host: "localhost" }, agent: false }, (response) => {
          let bytes = 0;
          response.on("data", (chunk: Buffer) => (bytes += chunk.length));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes }));
        })
        .on("error", reject);
    });
    expect(other.status).toBe(200);
    // Served in full while the stalled render still holds its page: the follower's wait is bounded.
    expect(other.bytes).toBe(24 * 1024 * 1024);
    stalled.destroy();
  }, 20_000);

  it("crawlers that Next renders differently (link-preview bots) get their own copy", async () => {
    await start();
    await get("/search?q=bots");
    expect((await get("/search?q=bots")).cache).toBe("HIT");
    expect((await get("/search?q=bots", { "user-agent": "Twitterbot/1.0" })).cache).toBe("MISS");
    expect((await get("/search?q=bots", { "user-agent": "Twitterbot/1.0" })).cache).toBe("HIT");
  });

  it("entries older than the time limit are rendered again", async () => {
    let now = 1_000_000;
    await start({ ttlMs: 60_000, now: () => now });
    await get("/search?q=old");
    now += 59_000;
    expect((await get("/search?q=old")).cache).toBe("HIT");
    now += 2_000;
    expect((await get("/search?q=old")).cache).toBe("MISS");
    expect((await get("/search?q=old")).cache).toBe("HIT");
  });
});

describe("PAGE_CACHE_SECONDS=0", () => {
  it("renders every request and opens no listening connection", async () => {
    page = digestPage();
    server = await serveWithPageCache({
      port: 0,
      hostname: "127.0.0.1",
      databaseUrl: database.url,
      cache: { ttlMs: 0, maxBytes: 1024 },
      handler: page.handler,
      log: () => undefined,
    });
    await get("/");
    await get("/");
    expect(page.state.renders).toBe(2);
    const { rows } = await database.pool.query(
      "SELECT 1 FROM pg_stat_activity WHERE application_name = 'paperpulse-page-cache' AND datname = current_database()",
    );
    expect(rows).toHaveLength(0);
  });
});
