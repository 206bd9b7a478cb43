// Seeds the digest benchmark's followed authors and saved searches: authors on every paper, N follows
// and M saved searches per subscriber drawn from a fixed set of distinct searches. All in SQL, so
// 100,000 subscribers take seconds.
import type pg from "pg";

export type FollowMix = { follows: number; searches: number; distinctSearches: number };

/** Distinct author names in the generated catalogue. */
const AUTHOR_POOL = 3000;

/** Where addFollows' rows are kept between runs: copied back in seconds instead of seeded again. */
const STASH = { author_follow: "bench_author_follow", saved_search: "bench_saved_search" } as const;

/** Keeps a copy of the seeded follows and saved searches for resetDigestRuns. */
export async function stashFollows(pool: pg.Pool): Promise<void> {
  for (const [table, stash] of Object.entries(STASH)) {
    await pool.query(`DROP TABLE IF EXISTS ${stash}`);
    await pool.query(`CREATE TABLE ${stash} AS SELECT * FROM ${table}`);
  }
}

/**
 * Clears every trace of a digest run, so the same period can be planned again; with `follows`, puts
 * the stashed follows and saved searches back (ids included), without them leaves none.
 */
export async function resetDigestRuns(pool: pg.Pool, { follows }: { follows: boolean }): Promise<void> {
  await pool.query(`TRUNCATE digest_delivery, sent_paper, author_follow, saved_search`);
  await pool.query(`UPDATE subscriber SET last_sent_at = NULL`);
  if (follows)
    for (const [table, stash] of Object.entries(STASH)) await pool.query(`INSERT INTO ${table} SELECT * FROM ${stash}`);
}

/** 2-6 authors per paper from a pool of AUTHOR_POOL names (author_keys follows through the generated column). */
export async function addAuthors(pool: pg.Pool): Promise<void> {
  await pool.query(
    `UPDATE paper SET authors = ARRAY(SELECT 'Author ' || ((id * 7919 + k * 104729) % $1) FROM generate_series(1, 2 + id % 5) k)`,
    [AUTHOR_POOL],
  );
}

/**
 * Each subscriber follows `follows` authors and keeps `searches` saved searches, picked by hashing its id;
 * the searches are `distinctSearches` queries of one or two title words. Returns the distinct queries kept.
 */
export async function addFollows(pool: pg.Pool, mix: FollowMix): Promise<number> {
  await pool.query(
    `INSERT INTO author_follow (subscriber_id, author_key, name)
     SELECT s.id, author_key(n.name), n.name FROM subscriber s CROSS JOIN generate_series(1, $1) k
     CROSS JOIN LATERAL (SELECT 'Author ' || ((s.id * 31 + k * 977) % $2) AS name) n
     ON CONFLICT DO NOTHING`,
    [mix.follows, AUTHOR_POOL],
  );
  // One statement: the distinct queries exist only inside it.
  await pool.query(
    `WITH words AS (SELECT w, row_number() OVER (ORDER BY w) AS n FROM (
                      SELECT DISTINCT lower(w) AS w FROM paper, regexp_split_to_table(title, '[^A-Za-z]+') w WHERE length(w) > 4) x),
          -- Every word alone, then pairs of words, in a fixed shuffled order.
          queries AS (SELECT row_number() OVER (ORDER BY a.n <> b.n, md5(a.w || b.w)) - 1 AS i,
                             'q=' || a.w || CASE WHEN a.n = b.n THEN '' ELSE '+' || b.w END AS q
                      FROM words a JOIN words b ON b.n >= a.n
                      ORDER BY a.n <> b.n, md5(a.w || b.w) LIMIT $2),
          total AS (SELECT count(*) AS n FROM queries)
     INSERT INTO saved_search (subscriber_id, name, query)
     SELECT s.id, 'Search ' || k, q.q FROM subscriber s CROSS JOIN generate_series(1, $1) k CROSS JOIN total
     JOIN queries q ON q.i = (s.id * 13 + k * 101) % total.n
     ON CONFLICT DO NOTHING`,
    [mix.searches, mix.distinctSearches],
  );
  const { rows } = await pool.query<{ n: number }>(`SELECT count(DISTINCT query)::int AS n FROM saved_search`);
  return rows[0]!.n;
}
