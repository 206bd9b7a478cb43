// One production web process: Next's request handler behind the page cache, with cached pages cleared by
// catalogue changes heard from PostgreSQL, and the personal-state and counts calls answered before both;
// the build's static files go out with brotli when the client takes it (lib/http/static-brotli.ts).
// Stateless: run as many as the machines allow.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { siteIsHttps, siteOrigin } from "../site-origin";
import { refuseUnboundedBody } from "./body-gate";
import { listenForCatalogueChanges, type CatalogueListener } from "./catalogue-changes";
import { applyForwardingPolicy } from "./forwarded";
import { createHealthEndpoints } from "./health";
import { createLiveSessionCheck } from "./live-session";
import { createPageCache, type Handler, type PageCache, type PageCacheOptions } from "./page-cache";
import { createPersonalEndpoints } from "./personal-state";
import { applySecurityHeaders } from "./security-headers";
import { createStaticBrotli } from "./static-brotli";

export type WebServerOptions = {
  /** The project root (where .next is). */
  dir: string;
  port: number;
  hostname?: string;
  databaseUrl: string;
  cache: PageCacheOptions;
  /** Proxies in front whose X-Forwarded-For / -Proto count (TRUST_PROXY); 0 by default. */
  trustProxy?: number;
  /** GitHub sign-in is configured (the CSP lets its form post go to github.com). */
  githubSignIn?: boolean;
  log(message: string): void;
};

export type WebServer = { url: string; cache: PageCache; close(): Promise<void> };

type ServeOptions = Omit<WebServerOptions, "dir"> & {
  handler: Handler;
  /** The build's static files (`.next/static`), sent with brotli when ready; unset, `handler` serves them alone. */
  staticDir?: string;
};

/** Serves `handler` behind the page cache (tests pass a handler of their own; production passes Next's). */
export async function serveWithPageCache(options: ServeOptions): Promise<WebServer> {
  // The pool of the per-view calls (/api/me/state, /api/papers/counts) and the session check: small
  // indexed reads, so a few connections serve thousands a second.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    application_name: "paperpulse-personal",
    max: 6,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 2_000,
  });
  // An idle connection the server drops must not crash the web process.
  pool.on("error", () => undefined);
  const sessions = createLiveSessionCheck(pool);
  const personal = createPersonalEndpoints(pool, options.log);
  const cache = createPageCache({ isLiveSession: sessions.isLive, ...options.cache });
  // The configured origin (SITE_URL, or this server's localhost origin): the only host Next ever sees.
  const origin = new URL(siteOrigin());
  const policy = { siteHost: origin.host, trustProxy: options.trustProxy ?? 0 };
  const headerOptions = { https: siteIsHttps(origin.href), githubSignIn: options.githubSignIn ?? false };
  let listener: CatalogueListener | null = null;
  // Servers may be closed twice (tests do); the pool only once.
  let poolClosed: Promise<void> | undefined;
  let listening = false;
  if (options.cache.ttlMs > 0) {
    // Off until LISTEN is in place: a page cached before that could miss the change that makes it stale.
    cache.setEnabled(false);
    listener = listenForCatalogueChanges({
      databaseUrl: options.databaseUrl,
      onChange: (notice) => cache.forget(notice),
      onHealth: (up) => {
        listening = up;
        cache.setEnabled(up);
      },
      log: options.log,
    });
  }
  // Load-balancer probes are answered before the cache and Next: cheap, never cached.
  const health = createHealthEndpoints({
    databaseUrl: options.databaseUrl,
    catalogueListening: listener ? () => listening : undefined,
    log: options.log,
  });
  const staticFiles = options.staticDir ? createStaticBrotli({ dir: options.staticDir, log: options.log }) : null;
  const server = http.createServer((req, res) => {
    applyForwardingPolicy(req, policy);
    applySecurityHeaders(req, res, headerOptions);
    if (refuseUnboundedBody(req, res)) return;
    if (staticFiles?.handle(req, res)) return;
    if (health.handle(req, res)) return;
    if (personal.handle(req, res)) return;
    cache.handle(req, res, options.handler).catch((error: Error) => {
      options.log(`request failed: ${req.method} ${req.url}: ${error.stack ?? error.message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // In the background: until a file's copy is ready, Next sends it with gzip.
  void staticFiles?.warmUp();
  const host =
    !options.hostname || options.hostname === "0.0.0.0" || options.hostname === "::" ? "localhost" : options.hostname;
  return {
    url: `http://${host}:${port}`,
    cache,
    async close() {
      staticFiles?.close();
      await listener?.close();
      await health.close();
      poolClosed ??= pool.end();
      await poolClosed;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

/** The production server: the built app (`next build`) from `dir`. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  // Next reads NODE_ENV when it loads; the app must never run the production build in development mode.
  (process.env as Record<string, string>).NODE_ENV = "production";
  const nextModule = (await import("next")) as unknown as { default: typeof import("next").default };
  const createNext =
    (nextModule.default as unknown as { default?: typeof import("next").default }).default ?? nextModule.default;
  const app = createNext({
    dev: false,
    dir: options.dir,
    hostname: options.hostname ?? "localhost",
    port: options.port,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  return serveWithPageCache({
    ...options,
    handler: (req, res) => handle(req, res),
    staticDir: path.join(options.dir, ".next", "static"),
  });
}
