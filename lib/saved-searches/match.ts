// Which papers a saved search matches: its words as search reads text with syntax (websearch_to_tsquery),
// its author and its filters through search's own filterSql. The digest runs each distinct search once a
// period over the period's candidates; /me and the preferences page show each search's newest papers.
// Not search's thesaurus or spelling expansion: a saved search matches what its words say.
import { Prisma } from "../db/generated/client";
import type { Queryable } from "../db/queryable";
import { filterSql } from "../papers/search/sql";
import { readSavedQuery, type SavedSearchQuery } from "./input";

/** SQL conditions on paper p, to follow a WHERE. */
export function savedSearchCondition(query: SavedSearchQuery): Prisma.Sql {
  const words =
    query.text === ""
      ? Prisma.empty
      : Prisma.sql`AND p.search_vector @@ websearch_to_tsquery('english', ${query.text})`;
  return Prisma.sql`${words} ${filterSql(query)}`;
}

/**
 * For each distinct query string, the candidates it matches: one statement per distinct search (not
 * per subscriber), each over at most the candidates' ids, so a period with 2,000 distinct searches
 * costs 2,000 small index reads whatever the number of subscribers.
 */
export async function matchSavedSearches(
  db: Queryable,
  queries: readonly string[],
  candidateIds: readonly number[],
  concurrency = 1,
): Promise<Map<string, Set<number>>> {
  const matches = new Map<string, Set<number>>();
  if (candidateIds.length === 0) return matches;
  const pending = [...new Set(queries)];
  // A few statements in flight when `db` is a pool (its connections share the work); one at a time on a client.
  const worker = async () => {
    for (let query = pending.pop(); query !== undefined; query = pending.pop()) {
      const sql = Prisma.sql`SELECT p.id FROM paper p WHERE p.id = ANY(${[...candidateIds]}::int[]) ${savedSearchCondition(readSavedQuery(query))}`;
      const { rows } = await db.query<{ id: number }>(sql.text, sql.values as unknown[]);
      matches.set(query, new Set(rows.map((row) => row.id)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return matches;
}
