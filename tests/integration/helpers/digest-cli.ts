// Runs scripts/digest.ts as a child process, the way a person or cron runs `npm run digest`.
import { spawn } from "node:child_process";
import { projectRoot, type CliResult } from "./run-cli";

export type DigestCliEnv = { databaseUrl: string; resendUrl: string; siteUrl: string };

/** Node with tsx and the server-only hook in-process (no npm or tsx wrapper), so the pid is the sender's. */
export function spawnDigest(args: string[], env: DigestCliEnv) {
  return spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/support/allow-server-only.mjs", "scripts/digest.ts", ...args], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL: env.resendUrl,
      MAIL_FROM: "PaperPulse <papers@example.org>",
      SITE_URL: env.siteUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function runDigestCli(args: string[], env: DigestCliEnv): Promise<CliResult> {
  const child = spawnDigest(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
