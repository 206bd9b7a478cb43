// Runs scripts/import.ts as a child process, the way a person runs `npm run import`.
import { spawn } from "node:child_process";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../../..");

/** A URL where nothing listens: commands that must not touch the database get this one. */
export const UNREACHABLE_DATABASE_URL = "postgresql://x:y@127.0.0.1:1/none";

export type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Node with tsx's loader in-process (not the tsx binary, which forks a second node), so the pid is the importer's. */
export function spawnImport(args: string[], databaseUrl: string) {
  return spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function runImport(args: string[], databaseUrl: string): Promise<CliResult> {
  const child = spawnImport(args, databaseUrl);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
