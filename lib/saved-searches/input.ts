// What a saved search is: a name and a search's text and filters, validated alike by the search page's
// form and the preferences page's, and stored as one canonical query string. Pure (no database).
import { z } from "zod";
import { searchFeedQueryString } from "../feeds/paper-feed";
import { isIsoDate } from "../iso-date";
import { splitAuthorQuery } from "../authors/search-syntax";
import { MAX_QUERY_LENGTH, normalizeQueryText, parseSearchParams } from "../papers/search-params";

/** Saved searches per person: beyond this, saving is refused with a way forward. */
export const MAX_SAVED_SEARCHES = 100;
export const MAX_SEARCH_NAME = 80;

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, " ").trim();

const date = (label: string) =>
  z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isIsoDate(value), `${label} must be a date like 2025-04-30`)
    .optional();

/** The form's fields; `name` may be left blank (the search's words then name it). */
export const savedSearchInput = z
  .object({
    name: z
      .string()
      .optional()
      .transform((value) => oneLine(value ?? ""))
      .refine(
        (value) => [...value].length <= MAX_SEARCH_NAME,
        `Keep the name to ${MAX_SEARCH_NAME} characters or fewer.`,
      ),
    q: z
      .string()
      .optional()
      .transform((value) => value ?? "")
      .refine(
        (value) => [...value.trim()].length <= MAX_QUERY_LENGTH,
        `A search can be at most ${MAX_QUERY_LENGTH} characters long; shorten it.`,
      )
      // Runs of spaces mean nothing to search: collapsed, so "a  b" and "a b" are one saved search.
      .transform((value) => normalizeQueryText(value).replace(/\s+/g, " ")),
    from: date("From"),
    to: date("To"),
    hasCode: z
      .string()
      .optional()
      .transform((value) => value === "1" || value === "true" || value === "on"),
  })
  .refine((input) => !(input.from && input.to && input.from > input.to), {
    message: "From must not be after To.",
    path: ["to"],
  })
  .refine((input) => input.q !== "" || input.hasCode || input.from || input.to, {
    message: 'Type some words (or author:"Name") or pick a filter: an empty search would be every new paper.',
    path: ["q"],
  })
  .transform((input) => ({ name: input.name || input.q || "Saved search", query: searchFeedQueryString(input) }));

/** What a stored query string asks for: the words, the author (author:"Name"), the filters. */
export type SavedSearchQuery = { text: string; author: string | null; from?: string; to?: string; hasCode: boolean };

export function readSavedQuery(query: string): SavedSearchQuery {
  const parsed = parseSearchParams(Object.fromEntries(new URLSearchParams(query)));
  const search = parsed.ok ? parsed.query : { q: "", hasCode: false };
  const { text, author } = splitAuthorQuery(search.q);
  return {
    text,
    author,
    from: "from" in search ? search.from : undefined,
    to: "to" in search ? search.to : undefined,
    hasCode: search.hasCode,
  };
}

/** The search page showing this saved search. */
export function savedSearchHref(query: string): string {
  return query ? `/search?${query}` : "/search";
}
