// What the digest reads about a subscriber beyond topics: followed authors and saved searches (their own,
// or their account's), when their preferences choose those sections. Shared by planning and the test send.
import type { ReaderSearch } from "./select";

/**
 * Columns `authors` (text[] of author keys) and `searches` ([{ id, query }] oldest first) for the
 * subscriber row aliased `s`. Follows belong to the account linked to the subscription (or the account
 * with the subscription's address), or to the subscription itself when there is no account.
 */
export const READER_FOLLOWS_COLUMNS = `
  CASE WHEN s.digest_authors THEN coalesce((
    SELECT array_agg(DISTINCT f.author_key) FROM author_follow f
    WHERE f.subscriber_id = s.id OR f.user_id = coalesce(s.user_id, (SELECT u.id FROM app_user u WHERE u.email = s.email))), '{}') ELSE '{}' END AS authors,
  CASE WHEN s.digest_searches THEN coalesce((
    SELECT json_agg(json_build_object('id', x.id, 'query', x.query) ORDER BY x.created_at, x.id) FROM saved_search x
    WHERE x.subscriber_id = s.id OR x.user_id = coalesce(s.user_id, (SELECT u.id FROM app_user u WHERE u.email = s.email))), '[]') ELSE '[]' END AS searches`;

export type ReaderFollowsRow = { authors: string[]; searches: { id: number; query: string }[] };

const NOTHING: ReadonlySet<number> = new Set();

/** The reader's saved searches with the period's matches of each (computed once per distinct query). */
export function readerSearches(
  row: ReaderFollowsRow,
  matches: ReadonlyMap<string, ReadonlySet<number>>,
): ReaderSearch[] {
  return row.searches.map((search) => ({ id: search.id, matches: matches.get(search.query) ?? NOTHING }));
}
