// The typed environment: every process.env read in the project goes through here.
import path from "node:path";
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), {
    message: "must be a postgres:// or postgresql:// URL, e.g. postgresql://user:pass@localhost:5432/paperpulse",
  });

// Five fields (minute hour day-of-month month weekday), as pg-boss's cron parser reads them.
const cron = z
  .string()
  .trim()
  .refine((value) => /^[\d*,/\-A-Za-z?#]+( +[\d*,/\-A-Za-z?#]+){4}$/.test(value), {
    message: 'must be a cron expression with 5 fields (minute hour day month weekday), e.g. "0 7 * * *"',
  });

const timeZone = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: value });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone, e.g. "UTC" or "Europe/Berlin"' },
  );

const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  TEST_DATABASE_URL: postgresUrl.optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PAPERPULSE_DATA_DIR: z.string().default(".data"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

  // Accounts (lib/auth). AUTH_SECRET unset: one is generated once under the data dir.
  AUTH_SECRET: z
    .string()
    .min(32, "must be at least 32 characters; generate one with `openssl rand -base64 33`")
    .optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  /** Comma-separated; these people become admins when they sign in. */
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),

  // The public internet (lib/site-origin.ts, lib/http/forwarded.ts). SITE_URL is read where links are built.
  /** Proxies in front of the web server whose X-Forwarded-For / -Proto count; 0 = none, the socket is the client. */
  TRUST_PROXY: z.coerce
    .number()
    .int()
    .min(0, "must be a hop count: 0 (no proxy), 1 (one proxy in front)...")
    .max(10, "must be at most 10")
    .default(0),
  /** Sign-in and subscription emails the whole site may send per hour. */
  SITE_MAIL_CAP_PER_HOUR: z.coerce.number().int().min(1, "must be at least 1").max(1_000_000).default(200),

  // Mail (lib/mail). RESEND_API_KEY unset: mail goes to the outbox under the data dir.
  RESEND_API_KEY: z.string().optional(),
  RESEND_WEBHOOK_SECRET: z.string().optional(),
  MAIL_FROM: z.string().default("PaperPulse <papers@paperpulse.localhost>"),

  // The digest worker (lib/worker). Both send at 07:00: weekly subscribers are picked by their weekday inside the run.
  DIGEST_DAILY_CRON: cron.default("0 7 * * *"),
  DIGEST_WEEKLY_CRON: cron.default("0 7 * * *"),
  DIGEST_TIMEZONE: timeZone.default("UTC"),
  /** Papers per digest email. */
  DIGEST_TOP_N: z.coerce.number().int().min(1, "must be at least 1").max(100, "must be at most 100").default(10),
  /** Where digest files wait to be imported; default <dataDir>/inbox. */
  DIGEST_INBOX: z.string().optional(),
  ADMIN_IMPORT_MAX_MB: z.coerce.number().positive().default(20),

  // The scheduled fetch from Hugging Face's daily-papers API (lib/fetch). HF_TOKEN is sent as a bearer token, never logged.
  HF_API_URL: z
    .string()
    .trim()
    .url("must be an http(s) URL, e.g. https://huggingface.co")
    .refine((value) => /^https?:\/\//.test(value), "must be an http(s) URL, e.g. https://huggingface.co")
    .default("https://huggingface.co"),
  HF_TOKEN: z.string().trim().optional(),
  HF_FETCH: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
  /** Read in DIGEST_TIMEZONE; minute 17, not 0, so we are not one of everyone's top-of-the-hour requests. */
  HF_FETCH_CRON: cron.default("17 * * * *"),
  /** Days before today each scheduled fetch looks at again (late additions, upvote counts). */
  HF_FETCH_LOOKBACK_DAYS: z.coerce
    .number()
    .int()
    .min(0, "must be 0 (today only) or more")
    .max(31, "must be at most 31")
    .default(3),

  // The anonymous page cache of each web process (lib/http/page-cache.ts). 0 seconds turns it off.
  PAGE_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0, "must be 0 (off) or more")
    .max(3600, "must be at most 3600")
    .default(60),
  /** Renders a web process may start per second for pages not in its cache; more wait briefly, then get 503. */
  PAGE_CACHE_MISS_RENDERS_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1, "must be at least 1")
    .max(10_000, "must be at most 10000")
    .default(100),
  PAGE_CACHE_MB: z.coerce.number().int().min(1, "must be at least 1").max(4096, "must be at most 4096").default(64),
  /** Web worker processes `npm start` / `npm run serve` fork on one machine (one per core is the usual choice). */
  WEB_CONCURRENCY: z.coerce.number().int().min(1, "must be at least 1").max(64, "must be at most 64").default(1),
});

export type Env = Omit<z.infer<typeof schema>, "DIGEST_INBOX"> & { dataDir: string; DIGEST_INBOX: string };

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]));
}

/** Parses an environment; throws one message listing every malformed variable and how to fix it. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = schema.safeParse(emptyToUndefined(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(result.data.PAPERPULSE_DATA_DIR);
  // turbopackIgnore: a configured directory is not part of the app, so the build must not trace files through it.
  const inbox = result.data.DIGEST_INBOX
    ? path.resolve(/*turbopackIgnore: true*/ result.data.DIGEST_INBOX)
    : path.join(dataDir, "inbox");
  return { ...result.data, dataDir, DIGEST_INBOX: inbox };
}

let cached: Env | undefined;
/** The process environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
