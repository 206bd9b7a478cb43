// `npm start`, the browser tests and bench:http build the app only when something the build reads is newer than the last build.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Everything the build reads: sources, static files (public/ is copied into the build), the Prisma schema and
 * the client generated from it (lib/db/generated), the dependency set, and the configuration files.
 */
const SOURCES = [
  "app",
  "components",
  "lib",
  "emails",
  "public",
  "prisma",
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "tsconfig.build.json",
  "postcss.config.mjs",
  "tsconfig.json",
];
const SKIP = new Set(["node_modules", ".next"]);

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (!SKIP.has(entry)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

export type BuildOptions = {
  /** Show Next's own output (its telemetry notice, the route table) as it builds; otherwise only a failed build's output. */
  verbose?: boolean;
};

/**
 * Builds with NEXT_TELEMETRY_DISABLED (a local start is nobody's telemetry). Quiet by default: Next's
 * 40 lines are kept and printed only when the build fails, so errors stay visible and a good build is one line.
 */
export function buildIfNeeded(root: string, log: (message: string) => void, options: BuildOptions = {}): void {
  if (!buildIsStale(root)) return;
  log("Building the app (first start or sources changed)…");
  const started = Date.now();
  const command = path.join(root, "node_modules", ".bin", "next");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (options.verbose) {
    execFileSync(command, ["build"], { cwd: root, stdio: "inherit", env });
    return;
  }
  try {
    execFileSync(command, ["build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    const output = `${failed.stdout?.toString() ?? ""}${failed.stderr?.toString() ?? ""}`.trim();
    throw new Error(`the build failed:\n${output || failed.message}`, { cause: error });
  }
  log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}
