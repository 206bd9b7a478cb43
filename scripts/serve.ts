// npm run serve -- [--port 3000] [--hostname 0.0.0.0]
// One production web process for the built app (`npm run build` first), against DATABASE_URL. Several
// can run side by side, on one machine or many: they share nothing but the database. `npm start`
// runs this after preparing the database and the build.
import { parseArgs } from "node:util";
import { env } from "../lib/env";
import { startWebServer } from "../lib/http/web-server";

const log = (message: string) => console.log(`[paperpulse web] ${message}`);
const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });

let config;
try {
  config = env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (!config.DATABASE_URL) {
  console.error("DATABASE_URL is not set. `npm start` starts the embedded database and this server together; `npm run serve` needs a database URL.");
  process.exit(1);
}
const port = values.port === undefined ? config.PORT : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number (got "${values.port}")`);
  process.exit(2);
}

const server = await startWebServer({
  dir: process.cwd(),
  port,
  hostname: values.hostname,
  databaseUrl: config.DATABASE_URL,
  cache: { ttlMs: config.PAGE_CACHE_SECONDS * 1000, maxBytes: config.PAGE_CACHE_MB * 1024 * 1024 },
  log,
});
log(`ready on ${server.url} (page cache: ${config.PAGE_CACHE_SECONDS ? `${config.PAGE_CACHE_SECONDS} s, ${config.PAGE_CACHE_MB} MB` : "off"})`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
