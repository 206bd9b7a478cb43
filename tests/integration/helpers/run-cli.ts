// Runs the project's scripts as child processes, the way a person runs `npm run import|digest|admin`.
import { spawn, type ChildProcessByStdio } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";

export const projectRoot = path.resolve(import.meta.dirname, "../../..");

/** A URL where nothing listens: commands that must not touch the database get this one. */
export const UNREACHABLE_DATABASE_URL = "postgresql://x:y@127.0.0.1:1/none";

export type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };
type Child = ChildProcessByStdio<null, Readable, Readable>;

/**
 * Node with tsx's loader (and the hook that lets scripts load the app's server-only modules)
 * in-process rather than through npm or the tsx binary, which fork: the pid is the script's own,
 * so a test can kill it mid-run.
 */
export function spawnScript(script: string, args: string[], env: Record<string, string>): Child {
  return spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/support/allow-server-only.mjs", script, ...args],
    {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

/** Waits for the child to exit and hands back its exit code and output. */
export function collect(child: Child): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export function spawnImport(args: string[], databaseUrl: string): Child {
  return spawnScript("scripts/import.ts", args, { DATABASE_URL: databaseUrl });
}

export function runImport(args: string[], databaseUrl: string): Promise<CliResult> {
  return collect(spawnImport(args, databaseUrl));
}
