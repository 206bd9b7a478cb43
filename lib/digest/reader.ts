// What the digest reads about a subscriber beyond topics: followed authors and saved searches (their own,
// or their account's), when their preferences choose those sections. Shared by planning and the test send.
import type { Queryable } from "../db/queryable";
import type { ReaderSearch } from "./select";

export type ReaderFollows = { authors: string[]; searches: { id: number; query: string }[] };

// The subscribers asked about, each with the account whose follows are theirs too: the account linked
// to the subscription, else the account with the subscription's address.
const READERS = `
  WITH r AS (
    SELECT s.id, s.digest_authors, s.digest_searches,
           coalesce(s.user_id, (SELECT u.id FROM app_user u WHERE u.email = s.email)) AS user_id
    FROM subscriber s WHERE s.id = ANY($1::int[]))`;

/**
 * Followed author keys and saved searches (oldest first) of each of these subscribers, read for all of
 * them at once (two statements however many): the subscription's own and its account's, when their
 * preferences choose those sections. Every id asked about is in the result, with empty lists if need be.
 */
export async function loadReaderFollows(
  db: Queryable,
  subscriberIds: readonly number[],
): Promise<Map<number, ReaderFollows>> {
  const result = new Map<number, ReaderFollows>();
  for (const id of subscriberIds) result.set(id, { authors: [], searches: [] });
  if (subscriberIds.length === 0) return result;
  // Two joins in a UNION rather than one join ON (a OR b): each side walks its own unique index.
  const { rows: authors } = await db.query<{ subscriber_id: number; author_key: string }>(
    `${READERS}
     SELECT r.id AS subscriber_id, f.author_key FROM r JOIN author_follow f ON f.subscriber_id = r.id WHERE r.digest_authors
     UNION
     SELECT r.id, f.author_key FROM r JOIN author_follow f ON f.user_id = r.user_id WHERE r.digest_authors`,
    [subscriberIds],
  );
  for (const row of authors) result.get(row.subscriber_id)?.authors.push(row.author_key);
  const { rows: searches } = await db.query<{ subscriber_id: number; id: number; query: string }>(
    `${READERS}
     SELECT subscriber_id, id, query FROM (
       SELECT r.id AS subscriber_id, x.id, x.query, x.created_at FROM r JOIN saved_search x ON x.subscriber_id = r.id WHERE r.digest_searches
       UNION
       SELECT r.id, x.id, x.query, x.created_at FROM r JOIN saved_search x ON x.user_id = r.user_id WHERE r.digest_searches) y
     ORDER BY subscriber_id, created_at, id`,
    [subscriberIds],
  );
  for (const row of searches) result.get(row.subscriber_id)?.searches.push({ id: row.id, query: row.query });
  return result;
}

const NOTHING: ReadonlySet<number> = new Set();

/** The reader's saved searches with the period's matches of each (computed once per distinct query). */
export function readerSearches(
  follows: ReaderFollows,
  matches: ReadonlyMap<string, ReadonlySet<number>>,
): ReaderSearch[] {
  return follows.searches.map((search) => ({ id: search.id, matches: matches.get(search.query) ?? NOTHING }));
}
