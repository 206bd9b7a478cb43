// The list order in a URL (`?sort=…&window=…`): lenient for pages (anything odd is the default), strict for the API.
import { z } from "zod";
import { HOME_SORTS, RANKED_SORTS, TOP_WINDOWS, type HomeSort, type RankedSort, type TopWindow } from "./types";

export const DEFAULT_HOME_SORT: HomeSort = "digest";
/** "Top" without a window: the week to the latest digest, the list most people mean by "top". */
export const DEFAULT_TOP_WINDOW: TopWindow = "week";

type Raw = Record<string, string | string[] | undefined>;

/** The first value of a repeated parameter; blank counts as absent (an empty form field). */
function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one.trim() === "" ? undefined : one.trim();
}

const rankedSort = z.enum(RANKED_SORTS, { error: `must be one of ${RANKED_SORTS.join(", ")}` });
const homeSort = z.enum(HOME_SORTS);
const topWindow = z.enum(TOP_WINDOWS, { error: `must be one of ${TOP_WINDOWS.join(", ")}` });

/** The home page's sort; unknown values are the default, so a mangled shared link still shows papers. */
export function parseHomeSort(raw: string | string[] | undefined): HomeSort {
  return homeSort.safeParse(first(raw)).data ?? DEFAULT_HOME_SORT;
}

/** The window of "top"; unknown values are the default. */
export function parseTopWindow(raw: string | string[] | undefined): TopWindow {
  return topWindow.safeParse(first(raw)).data ?? DEFAULT_TOP_WINDOW;
}

type RankedParams = { sort?: RankedSort; window?: TopWindow };

export type RankedParamsResult =
  { ok: true; params: RankedParams } | { ok: false; error: string; fieldErrors: Record<string, string> };

/**
 * The API's `sort` and `window`, strictly: a bad value is an error naming the field, the value and the
 * choices, and `window` without `sort=top` is an error rather than silently meaningless.
 */
export function parseRankedParams(raw: Raw): RankedParamsResult {
  const errors: Record<string, string> = {};
  const params: RankedParams = {};
  for (const [field, schema] of [
    ["sort", rankedSort],
    ["window", topWindow],
  ] as const) {
    const value = first(raw[field]);
    if (value === undefined) continue;
    const result = schema.safeParse(value);
    if (result.success) Object.assign(params, { [field]: result.data });
    else errors[field] = `${field} ${result.error.issues[0]?.message ?? "is invalid"} (got "${value.slice(0, 40)}")`;
  }
  if (params.window !== undefined && params.sort !== "top" && errors.sort === undefined) {
    errors.window = `window applies only to sort=top (got sort=${params.sort ?? "none"})`;
  }
  const fields = Object.keys(errors);
  if (fields.length > 0) {
    return {
      ok: false,
      error: `Invalid sort parameters: ${fields.map((field) => errors[field]).join("; ")}`,
      fieldErrors: errors,
    };
  }
  return { ok: true, params };
}
