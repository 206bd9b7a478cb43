// Which provider, sender and outbox a send uses: explicit options first, then the environment.
import path from "node:path";
import { env } from "../env";
import { mailFrom } from "./headers";
import type { MailOptions } from "./types";

export type MailConfig = {
  apiKey: string | undefined;
  from: string;
  outboxDir: string;
  baseUrl: string | undefined;
  log: (line: string) => void;
};

/** Reads env() only for what the options leave open, so tests can run with no environment at all. */
export function resolveMailConfig(options: MailOptions = {}): MailConfig {
  const apiKey = options.apiKey === null ? undefined : (options.apiKey ?? env().RESEND_API_KEY);
  return {
    apiKey,
    from: mailFrom(options.from ?? env().MAIL_FROM),
    outboxDir: options.outboxDir ?? defaultOutboxDir(),
    baseUrl: options.baseUrl,
    log: options.log ?? ((line) => console.info(line)),
  };
}

/** <PAPERPULSE_DATA_DIR>/outbox, where mail goes when there is no RESEND_API_KEY. */
export function defaultOutboxDir(): string {
  return path.join(env().dataDir, "outbox");
}
