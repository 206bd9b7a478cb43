// What the search page says about how it read the query: the catalogue's spelling of unknown words,
// closest matches instead of all words, a common query ranked among its newest matches (with "search
// all, best first"), and a date range it swapped.
import Link from "next/link";
import { RANKED_WINDOW, type SearchResult } from "@/lib/papers/search";

const LINK = "font-medium text-sky-700 underline underline-offset-2 dark:text-sky-300";
const NOTE = "mt-3 text-sm text-zinc-700 [overflow-wrap:anywhere] dark:text-zinc-300";

export type SearchNoticeLinks = { suggestion: string | null; searchAll: string; usual: string };

export function SearchNotices({
  result,
  links,
  datesSwapped,
}: {
  result: SearchResult;
  links: SearchNoticeLinks;
  datesSwapped: boolean;
}) {
  return (
    <>
      {datesSwapped && (
        <p className={NOTE} role="note">
          The dates were the wrong way round (“from” after “to”), so they were swapped.
        </p>
      )}
      {result.suggestion !== null && links.suggestion !== null && (
        <p className={NOTE}>
          Did you mean{" "}
          <Link href={links.suggestion} className={LINK}>
            {result.suggestion}
          </Link>
          ?
        </p>
      )}
      {result.mode === "closest" && (
        <p className={NOTE}>
          {result.allWords === 0
            ? "No paper has all of these words; showing the closest."
            : `Only ${result.allWords} ${result.allWords === 1 ? "paper has" : "papers have"} all of these words; the closest follow.`}
        </p>
      )}
      {result.ranking === "newest" && (
        <p className={NOTE}>
          Many papers match: the newest {RANKED_WINDOW} are ranked best first, older ones follow newest first.{" "}
          <Link href={links.searchAll} className={LINK} prefetch={false}>
            Search all, best first
          </Link>{" "}
          (slower).
        </p>
      )}
      {result.exhaustiveTimedOut && (
        <p className={NOTE}>
          Ranking every match took too long, so the newest matches are ranked instead.{" "}
          <Link href={links.usual} className={LINK}>
            Back to the usual ranking
          </Link>
        </p>
      )}
    </>
  );
}

/** A query as a heading shows it: at most `max` characters, cut with an ellipsis. */
export function shortQuery(q: string, max = 80): string {
  const chars = [...q];
  return chars.length <= max
    ? q
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}
