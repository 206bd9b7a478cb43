// Parses and validates `npm run fetch` arguments.
import { z } from "zod";
import { isIsoDate } from "../iso-date";
import { dayRange, MAX_RANGE_DAYS } from "../fetch/run";
import { parseCommandLine, type Parsed } from "./command-line";

export const FETCH_USAGE = `Usage: npm run fetch -- [--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--dry-run] [--json]

  Fetches Hugging Face's daily papers (HF_API_URL/api/daily_papers, every page of each day) and imports
  each day like a file (import history: imported by fetch:huggingface, with the request URL).
  Without --date or --from/--to: today (UTC) and the HF_FETCH_LOOKBACK_DAYS days before, as the worker does.

  --date      one day
  --from/--to a range of days, both included (at most ${MAX_RANGE_DAYS}); a failed day does not stop the range
  --dry-run   fetch and parse, report what an import would take; the database is not touched
  --json      print one JSON object per day instead of a line

Exit codes: 0 every day fetched (new, updated or unchanged), 1 some day failed, 2 usage error.`;

export type FetchArgs = { days: string[] | null; dryRun: boolean; json: boolean };

function day(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new Error(`--${name} must look like YYYY-MM-DD, e.g. --${name} 2025-04-30`);
  if (!isIsoDate(value)) throw new Error(`--${name} ${value} is not a real calendar date`);
  return value;
}

const schema = z.object({ days: z.array(z.string()).nullable(), dryRun: z.boolean(), json: z.boolean() });

/** days is null when none was named: the caller fetches the recent days, as a scheduled run does. */
export function parseFetchArgs(argv: string[]): Parsed<FetchArgs> {
  const options = {
    date: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  } as const;
  return parseCommandLine(argv, options, schema, (values, positionals) => {
    if (positionals.length > 0)
      throw new Error(`unexpected argument "${positionals[0]}"; name days with --date or --from/--to`);
    const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
    const [date, from, to] = [day("date", text("date")), day("from", text("from")), day("to", text("to"))];
    if (date && (from || to)) throw new Error("give either --date or --from/--to, not both");
    if ((from === undefined) !== (to === undefined)) throw new Error("--from and --to go together");
    if (from && to && from > to) throw new Error(`--from ${from} is after --to ${to}`);
    const days = date ? [date] : from && to ? dayRange(from, to) : null;
    if (days && days.length > MAX_RANGE_DAYS)
      throw new Error(`the range has ${days.length} days; fetch at most ${MAX_RANGE_DAYS} at a time`);
    return { days, dryRun: values["dry-run"], json: values.json };
  });
}
