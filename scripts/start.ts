// npm start: database up (embedded unless DATABASE_URL), migrations, sample digest on an
// empty catalogue, build if stale, then serve on PORT (default 3000) with scripts/serve.ts. Ctrl-C stops it all.
// `npm run dev` does the same with `next dev`. Quiet by default (the URL, how to sign in, errors); `--verbose`
// adds the database, migration and build details and the web process's own lines.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { buildIfNeeded } from "../lib/cli/build-if-needed";
import { localToday } from "../lib/cli/today";
import { openDatabase } from "../lib/db/database-url";
import { HEALTH_PATH } from "../lib/http/health";
import { migrate } from "../lib/db/migrate";
import { envOrExit } from "../lib/cli/env-or-exit";
import { seedIfEmpty } from "../lib/ingest/seed";
import { adoptLocalOrigin } from "../lib/site-origin";

const log = (message: string) => console.log(`[paperpulse] ${message}`);
const dev = process.argv.includes("--dev");
const verbose = process.argv.includes("--verbose");
const detail = verbose ? log : () => undefined;
const root = process.cwd();

const config = envOrExit();
// SITE_URL, or http://localhost:<PORT> recorded for the CLIs and the worker (so their links match this run).
const origin = adoptLocalOrigin(config.PORT);

const database = await openDatabase(log);
detail(
  database.kind === "embedded"
    ? `Using the embedded PostgreSQL (data in ${path.join(config.dataDir, "postgres")})`
    : "Using DATABASE_URL",
);

try {
  const applied = await migrate(database.url);
  if (applied.length) detail(`Applied migrations: ${applied.join(", ")}`);

  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const seeded = await seedIfEmpty(pool, localToday()).finally(() => pool.end());
  if (seeded) log(`Empty catalogue: imported the sample digest (${seeded.counts.new} papers, ${seeded.digestDate}).`);

  if (!dev) buildIfNeeded(root, log, { verbose });
} catch (error) {
  // The embedded server must not outlive a failed start (the next start would find it half-used).
  console.error(`[paperpulse] ${(error as Error).message}`);
  await database.release();
  process.exit(1);
}

// Production: scripts/serve.ts (Next behind the anonymous page cache), the same process deployments run.
const [command, args] = dev
  ? [path.join(root, "node_modules", ".bin", "next"), ["dev", "--port", String(config.PORT)]]
  : // node itself with tsx's loader (not the tsx wrapper), so SIGTERM reaches the server and we wait for it to finish.
    [process.execPath, ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "--port", String(config.PORT)]];
const next = spawn(command, args, {
  stdio: ["inherit", dev || verbose ? "inherit" : "pipe", "inherit"],
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: String(config.PORT),
    ...(dev ? {} : { NEXT_TELEMETRY_DISABLED: "1" }),
  },
});
const url = `http://localhost:${config.PORT}`;
if (next.stdout) {
  // Quiet: the web process's "ready" lines repeat what is said below; everything else (sign-in links, errors) passes.
  createInterface({ input: next.stdout }).on("line", (line) => {
    if (!/^\[paperpulse web( \d+)?\] (ready on |\d+ workers on port )/.test(line)) console.log(line);
  });
}
if (dev || verbose) log(`Serving on ${url}${origin === url ? "" : ` (public origin ${origin})`}`);
if (!dev) void announceWhenReady();

/** One short greeting once the server answers: where it is, how to sign in, how to stop or see more. */
async function announceWhenReady() {
  for (let attempt = 0; attempt < 240 && next.exitCode === null; attempt++) {
    const answered = await fetch(`${url}${HEALTH_PATH}`, { redirect: "manual" }).then(
      () => true,
      () => false,
    );
    if (answered) {
      const mail = config.RESEND_API_KEY
        ? "by email"
        : `printed here and saved in ${path.relative(root, path.join(config.dataDir, "outbox")) || "."}/`;
      log(`Ready at ${origin}${origin === url ? "" : ` (listening on ${url})`}`);
      log(`Sign in at ${origin}/signin: the sign-in link arrives ${mail}.`);
      log(`Ctrl-C stops it; npm start -- --verbose shows the details.`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await new Promise((resolve) => (next.exitCode !== null ? resolve(null) : next.once("exit", resolve)));
  if (database.kind === "embedded") log("Stopping the embedded PostgreSQL…");
  await database.release();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 1));
