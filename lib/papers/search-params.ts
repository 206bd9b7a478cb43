// Parses and validates search parameters (from a URL's searchParams) into a SearchQuery, for the
// /search page, /api/papers and the search feed alike.
import { z } from "zod";
import { isIsoDate } from "../iso-date";

export type SearchQuery = {
  q: string;
  from?: string;
  to?: string;
  hasCode: boolean;
  page: number;
  pageSize: number;
  /** rank=all: "search all, best first" (every match ranked exactly, however many). */
  exhaustive?: boolean;
};

export const MAX_PAGE_SIZE = 50;
export const MAX_QUERY_LENGTH = 500;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE = 10_000;

export type SearchParamsResult =
  | { ok: true; query: SearchQuery; /** Not strict: from was after to, so they were swapped. */ datesSwapped?: true }
  | { ok: false; error: string; fieldErrors: Record<string, string> };

/** Errors are listed in this order, the order of the fields in a search form. */
const FIELD_ORDER = ["q", "from", "to", "hasCode", "rank", "page", "pageSize"];

type Raw = Record<string, string | string[] | undefined>;

/** The first value of a repeated parameter; an empty or blank value counts as absent (an empty form field). */
function first(raw: Raw, key: string): string | undefined {
  const value = raw[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one.trim() === "" ? undefined : one.trim();
}

/** Text a person typed: control characters (NUL cannot even be stored) become spaces, length is capped. */
export function normalizeQueryText(q: string): string {
  // eslint-disable-next-line no-control-regex
  return [...q.replace(/[\u0000-\u001f\u007f]+/g, " ").trim()].slice(0, MAX_QUERY_LENGTH).join("").trim();
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2025-04-30")
  .refine(isIsoDate, "is not a real calendar date (expected YYYY-MM-DD)");

const page = z
  .string()
  .regex(/^[+-]?\d+$/, "must be a whole number, e.g. 2")
  .transform(Number)
  .pipe(z.number().int().min(1, "must be 1 or more").max(MAX_PAGE, `must be ${MAX_PAGE} or less`));

const pageSize = z
  .string()
  .regex(/^[+-]?\d+$/, "must be a whole number, e.g. 20")
  .transform(Number)
  .pipe(z.number().int().min(1, "must be 1 or more").max(MAX_PAGE_SIZE, `must be ${MAX_PAGE_SIZE} or less`));

const hasCode = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(["true", "false", "1", "0"], { error: "must be true, false, 1 or 0" }))
  .transform((value) => value === "true" || value === "1");

const rank = z.string().pipe(z.enum(["all"], { error: 'must be "all" (every match ranked, best first) or left out' }));

function check<T>(
  schema: z.ZodType<T, string>,
  value: string | undefined,
  field: string,
  errors: Record<string, string>,
): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors[field] = `${field} ${result.error.issues[0]?.message ?? "is invalid"} (got "${value.slice(0, 40)}")`;
  return undefined;
}

/**
 * strict (the API): any bad value is an error naming the field, the value and what is expected.
 * Not strict (pages, feeds): bad values are repaired or dropped so a hand-edited URL still shows
 * results: page <= 0 or not a number -> 1, page > 10,000 -> 10,000 (the search then clamps it to
 * the last page), pageSize out of range -> clamped to 1..50, malformed dates dropped, from > to
 * swapped (and datesSwapped says so), a bad hasCode or rank -> left out. A longer q is truncated in both modes, never an error.
 */
export function parseSearchParams(raw: Raw, options: { strict?: boolean } = {}): SearchParamsResult {
  const strict = options.strict ?? false;
  let datesSwapped = false;
  const errors: Record<string, string> = {};
  const q = normalizeQueryText(first(raw, "q") ?? "");

  const rawPage = first(raw, "page");
  const rawPageSize = first(raw, "pageSize");
  let from = check(isoDate, first(raw, "from"), "from", errors);
  let to = check(isoDate, first(raw, "to"), "to", errors);
  const code = check(hasCode, first(raw, "hasCode"), "hasCode", errors);
  const exhaustive = check(rank, first(raw, "rank"), "rank", errors) === "all";
  let pageNumber = check(page, rawPage, "page", errors);
  let size = check(pageSize, rawPageSize, "pageSize", errors);

  if (strict) {
    if (from !== undefined && to !== undefined && from > to)
      errors.to = `to (${to}) is before from (${from}); swap them`;
    const fields = FIELD_ORDER.filter((field) => errors[field] !== undefined);
    if (fields.length > 0) {
      return {
        ok: false,
        error: `Invalid search parameters: ${fields.map((field) => errors[field]).join("; ")}`,
        fieldErrors: errors,
      };
    }
  } else {
    if (from !== undefined && to !== undefined && from > to) {
      [from, to] = [to, from];
      datesSwapped = true;
    }
    pageNumber ??= clampNumber(rawPage, 1, MAX_PAGE, 1);
    size ??= clampNumber(rawPageSize, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  }

  const query: SearchQuery = { q, hasCode: code ?? false, page: pageNumber ?? 1, pageSize: size ?? DEFAULT_PAGE_SIZE };
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  if (exhaustive) query.exhaustive = true;
  return datesSwapped ? { ok: true, query, datesSwapped: true } : { ok: true, query };
}

/** A lenient read of a number: out of range is clamped, not a number is the fallback. */
function clampNumber(value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Math.trunc(Number(value));
  if (!Number.isFinite(n)) return value.trim().startsWith("-") ? min : /^\+?\d+$/.test(value.trim()) ? max : fallback;
  return Math.min(max, Math.max(min, n));
}
