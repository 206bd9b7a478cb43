// Parses and validates `npm run digest` arguments.
import { z } from "zod";
import { parseCommandLine, type Parsed } from "./command-line";

export const DIGEST_USAGE = `Usage: npm run digest -- send [--frequency daily|weekly] [--dry-run] [--to EMAIL] [--now ISO] [--top N]

  send          plan this period's digests and send every one not sent yet (safe to re-run: each
                subscriber gets at most one digest per period; a run after a crash sends the rest)
  --frequency   daily (default): the latest digest's papers, for daily subscribers;
                weekly: the week's papers, for weekly subscribers whose weekday is today (UTC)
  --dry-run     print who would get which papers; write nothing, send nothing
  --to EMAIL    send one test digest to this subscriber now, outside the ledger (nothing recorded)
  --now ISO     pretend it is this time (e.g. 2025-05-01T08:00:00Z): picks the period
  --top N       papers in the trending part (default 10)

Mail goes through Resend with RESEND_API_KEY, else to the outbox under the data directory.
Exit codes: 0 done (including "nothing to send"), 1 some digests failed or are left pending, 2 usage error.`;

const schema = z.object({
  command: z.literal("send", { message: 'the command is "send"' }),
  frequency: z.enum(["daily", "weekly"], { message: "--frequency must be daily or weekly" }),
  dryRun: z.boolean(),
  to: z.email({ message: "--to must be an email address" }).optional(),
  now: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), "--now must be an ISO date or time, e.g. 2025-05-01T08:00:00Z")
    .transform((value) => new Date(value))
    .optional(),
  top: z.coerce
    .number()
    .int("--top must be a whole number")
    .min(1, "--top must be 1 to 50")
    .max(50, "--top must be 1 to 50")
    .optional(),
});

export type DigestArgs = z.infer<typeof schema>;

export function parseDigestArgs(argv: string[]): Parsed<DigestArgs> {
  const options = {
    frequency: { type: "string", default: "daily" },
    "dry-run": { type: "boolean", default: false },
    to: { type: "string" },
    now: { type: "string" },
    top: { type: "string" },
  } as const;
  const parsed = parseCommandLine(argv, options, schema, (values, positionals) => {
    if (positionals.length !== 1)
      throw new Error(positionals.length === 0 ? "no command given" : `unexpected "${positionals.slice(1).join(" ")}"`);
    return {
      command: positionals[0],
      frequency: values.frequency,
      dryRun: values["dry-run"],
      to: values.to,
      now: values.now,
      top: values.top,
    };
  });
  if (parsed.ok && parsed.args.dryRun && parsed.args.to)
    return { ok: false, message: "--dry-run and --to cannot be combined" };
  return parsed;
}
