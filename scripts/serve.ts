// npm run serve -- [--port 3000] [--hostname 0.0.0.0]
// The production web process for the built app (`npm run build` first), against DATABASE_URL.
// WEB_CONCURRENCY > 1 forks that many workers sharing the port (one per core is the usual choice);
// more machines can run it side by side: they share nothing but the database. `npm start` runs this
// after preparing the database and the build.
import cluster from "node:cluster";
import { parseArgs } from "node:util";
import { envOrExit } from "../lib/cli/env-or-exit";
import { startWebServer } from "../lib/http/web-server";
import { adoptLocalOrigin } from "../lib/site-origin";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const role = cluster.isPrimary ? "web" : `web ${cluster.worker!.id}`;
const log = (message: string) => console.log(`[paperpulse ${role}] ${message}`);

const config = envOrExit();
const databaseUrl = config.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    "DATABASE_URL is not set. `npm start` starts the embedded database and this server together; `npm run serve` needs a database URL.",
  );
  process.exit(1);
}
const port = values.port === undefined ? config.PORT : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number (got "${values.port}")`);
  process.exit(2);
}

// SITE_URL, or http://localhost:<port> recorded for the CLIs and the worker: every link uses it.
const origin = adoptLocalOrigin(port);

let stopping = false;

/** Workers that die before they listen (no build, a bad database URL) are not restarted in a loop. */
const MAX_FAILED_STARTS = 5;

if (cluster.isPrimary && config.WEB_CONCURRENCY > 1) {
  const listening = new Set<number>();
  let failedStarts = 0;
  for (let i = 0; i < config.WEB_CONCURRENCY; i++) cluster.fork();
  cluster.on("listening", (worker) => {
    listening.add(worker.id);
    failedStarts = 0;
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    const started = listening.delete(worker.id);
    if (!started && ++failedStarts >= MAX_FAILED_STARTS) {
      console.error(
        `[paperpulse web] ${failedStarts} workers in a row exited before serving (last: ${signal ?? `code ${code}`}); see their errors above. Stopping.`,
      );
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
      process.exitCode = 1;
      return;
    }
    // Back off while workers keep failing to start; a worker that served is replaced at once.
    const delayMs = started ? 0 : Math.min(30_000, 500 * 2 ** failedStarts);
    log(
      `worker ${worker.id} exited (${signal ?? `code ${code}`}); starting another${delayMs ? ` in ${delayMs / 1000} s` : ""}`,
    );
    setTimeout(() => !stopping && cluster.fork(), delayMs);
  });
  const stopWorkers = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    let running = workers.length;
    if (running === 0) process.exit(0);
    for (const worker of workers) {
      worker!.once("exit", () => --running === 0 && process.exit(0));
      worker!.kill("SIGTERM");
    }
  };
  process.on("SIGINT", stopWorkers);
  process.on("SIGTERM", stopWorkers);
  log(`${config.WEB_CONCURRENCY} workers on port ${port}`);
} else {
  const server = await startWebServer({
    dir: process.cwd(),
    port,
    hostname: values.hostname,
    databaseUrl,
    cache: {
      ttlMs: config.PAGE_CACHE_SECONDS * 1000,
      maxBytes: config.PAGE_CACHE_MB * 1024 * 1024,
      missRendersPerSecond: config.PAGE_CACHE_MISS_RENDERS_PER_SECOND,
    },
    trustProxy: config.TRUST_PROXY,
    githubSignIn: Boolean(config.AUTH_GITHUB_ID && config.AUTH_GITHUB_SECRET),
    log,
  });
  const cache = config.PAGE_CACHE_SECONDS ? `${config.PAGE_CACHE_SECONDS} s, ${config.PAGE_CACHE_MB} MB` : "off";
  log(`ready on ${server.url} for ${origin} (page cache: ${cache})`);
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
