// Runs scripts/digest.ts as a child process, the way a person or cron runs `npm run digest`.
import { collect, spawnScript, type CliResult } from "./run-cli";

export type DigestCliEnv = { databaseUrl: string; resendUrl: string; siteUrl: string };

export function spawnDigest(args: string[], env: DigestCliEnv) {
  return spawnScript("scripts/digest.ts", args, {
    DATABASE_URL: env.databaseUrl,
    RESEND_API_KEY: "re_test_key",
    RESEND_BASE_URL: env.resendUrl,
    MAIL_FROM: "PaperPulse <papers@example.org>",
    SITE_URL: env.siteUrl,
  });
}

export function runDigestCli(args: string[], env: DigestCliEnv): Promise<CliResult> {
  return collect(spawnDigest(args, env));
}
