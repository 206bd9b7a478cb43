// What a GET /api/papers request asks for, validated strictly: a search (q, filters) or a ranked list (sort).
import { parseSearchParams, type SearchQuery } from "../papers/search-params";
import { parseRankedParams } from "../papers/sort-params";
import type { TopWindow } from "../papers/types";
import { searchParamsRecord, unknownParamErrors } from "./query-params";

const PAPERS_API_PARAMS = ["q", "from", "to", "hasCode", "rank", "sort", "window", "page", "pageSize"] as const;

const FILTERS = ["from", "to", "hasCode"] as const;

/**
 * `sort=new` (the default without q) is the search's newest-first list, so filters keep working with it.
 * `trending` and `top` are the catalogue-wide ranked lists, which take no filters.
 */
type PapersApiQuery =
  | { kind: "search"; query: SearchQuery }
  | { kind: "ranked"; sort: "trending" | "top"; window?: TopWindow; page: number; pageSize: number };

export type PapersApiQueryResult =
  { ok: true; request: PapersApiQuery } | { ok: false; error: string; fieldErrors: Record<string, string> };

export function parsePapersApiQuery(params: URLSearchParams): PapersApiQueryResult {
  const unknown = unknownParamErrors(params, PAPERS_API_PARAMS);
  const unknownNames = Object.keys(unknown);
  if (unknownNames.length) {
    return {
      ok: false,
      error: `unknown query parameter${unknownNames.length > 1 ? "s" : ""}: ${unknownNames.join(", ")}`,
      fieldErrors: unknown,
    };
  }
  const raw = searchParamsRecord(params);
  const search = parseSearchParams(raw, { strict: true });
  const ranked = parseRankedParams(raw);
  if (!search.ok || !ranked.ok) {
    const failures = [search, ranked].filter((result) => !result.ok);
    return {
      ok: false,
      error: failures.map((failure) => failure.error).join("; "),
      fieldErrors: Object.assign({}, ...failures.map((failure) => failure.fieldErrors)),
    };
  }
  const { query } = search;
  const { sort, window } = ranked.params;
  if (sort !== undefined && query.q !== "") {
    // Search results are ranked by relevance; a second order would need its own plan (see lib/papers/search.ts).
    const message = "sort is not supported with q: search results are ranked by relevance; leave out sort";
    return { ok: false, error: message, fieldErrors: { sort: message } };
  }
  if (sort === "trending" || sort === "top") {
    const filters = FILTERS.filter((field) => (params.get(field) ?? "").trim() !== "");
    if (filters.length > 0) {
      const message = (field: string) =>
        `${field} is not supported with sort=${sort}; filters apply to the newest-first list (no sort, or sort=new)`;
      return {
        ok: false,
        error: message(filters.join(", ")),
        fieldErrors: Object.fromEntries(filters.map((field) => [field, message(field)])),
      };
    }
    return { ok: true, request: { kind: "ranked", sort, window, page: query.page, pageSize: query.pageSize } };
  }
  return { ok: true, request: { kind: "search", query } };
}
