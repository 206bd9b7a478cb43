// Parses and validates `npm run import` arguments.
import { z } from "zod";
import { isIsoDate } from "../iso-date";
import { parseCommandLine, type Parsed } from "./command-line";

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

export function parseImportArgs(argv: string[]): Parsed<ImportArgs> {
  const options = {
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    date: { type: "string" },
  } as const;
  return parseCommandLine(argv, options, schema, (values, positionals) => ({
    dryRun: values["dry-run"],
    json: values.json,
    strict: values.strict,
    date: values.date,
    files: positionals,
  }));
}
