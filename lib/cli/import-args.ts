// Parses and validates `npm run import` arguments.
import { parseArgs } from "node:util";
import { z } from "zod";
import { isIsoDate } from "../iso-date";

export const IMPORT_USAGE = `Usage: npm run import -- [--dry-run] [--json] [--date YYYY-MM-DD] [--strict] FILE...

  FILE is a daily-papers digest in either format, told apart by its content:
    text  the page's text: a date line, then title / blank line / abstract blocks
    JSON  the Hugging Face daily-papers API response (https://huggingface.co/api/daily_papers?date=YYYY-MM-DD):
          an array of { paper: { id, title, summary, authors, upvotes }, publishedAt }

  --dry-run   parse and report without touching (or needing) the database
  --json      print JSON: the parsed papers with --dry-run, the import summary otherwise
  --date      the digest date, for files without a date line (overrides the file's date or JSON's publishedAt)
  --strict    reject a file if it has any problem at all

Exit codes: 0 imported or parsed, 1 a file was rejected, 2 usage error.`;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "--date must look like YYYY-MM-DD, e.g. --date 2025-04-30")
  .refine(isIsoDate, "--date is not a real calendar date");

const schema = z.object({
  dryRun: z.boolean(),
  json: z.boolean(),
  strict: z.boolean(),
  date: isoDate.optional(),
  files: z.array(z.string()).min(1, "no FILE given"),
});

export type ImportArgs = z.infer<typeof schema>;

export function parseImportArgs(argv: string[]): { ok: true; args: ImportArgs } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        date: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (parsed.values.help) return { ok: false, message: "" };
  const result = schema.safeParse({
    dryRun: parsed.values["dry-run"],
    json: parsed.values.json,
    strict: parsed.values.strict,
    date: parsed.values.date,
    files: parsed.positionals,
  });
  if (!result.success) return { ok: false, message: result.error.issues.map((issue) => issue.message).join("; ") };
  return { ok: true, args: result.data };
}
