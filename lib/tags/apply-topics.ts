// Applies the topic taxonomy to papers inside the caller's transaction: the importer's hook and `tags retag`.
// Matches come from the import stream (staged-topics.ts) or one cursor pass here; all writes are set-based.
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { dropSecondaryIndexes, rebuildIndexes } from "../db/bulk-indexes";
import { type DroppedKey, dropForeignKeys, dropPrimaryKey, restoreKeys } from "../db/bulk-keys";
import { compileTopics, matchTopics } from "./topic-matcher";
import { TOPICS, type Topic } from "./topic-taxonomy";

/**
 * Which papers to (re)tag: every paper, these ids, or a query with a `paper_id` column (trusted SQL
 * from lib/). With `matched` (a table with `line` and `topics` columns: the import's staging table), the
 * query also gives each paper's digest `line`, and the topics were already matched while the file streamed
 * (lib/tags/staged-topics.ts): no text is read back.
 */
export type TopicScope = "all" | readonly number[] | { sql: string; matched?: string };

export type TopicTagSummary = {
  topics: number;
  /** Papers looked at, and how many of them carry at least one topic now. */
  papers: number;
  tagged: number;
  /** Automatic (paper, topic) tags that appeared and that went away. */
  added: number;
  removed: number;
};

const BATCH = 5000;

/** PAPERPULSE_TRACE_IMPORT=1 prints each step's duration, like the importer's merge does. */
function tracer(): (step: string) => void {
  if (process.env.PAPERPULSE_TRACE_IMPORT !== "1") return () => undefined;
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    console.error(`[tags] ${(now - last).toFixed(0).padStart(6)} ms  ${step}`);
    last = now;
  };
}

function scopeQuery(scope: TopicScope): { sql: string; params: unknown[] } {
  if (scope === "all") return { sql: `SELECT id, title, abstract FROM paper`, params: [] };
  if (Array.isArray(scope)) {
    return { sql: `SELECT p.id, p.title, p.abstract FROM paper p WHERE p.id = ANY($1::int[])`, params: [[...scope]] };
  }
  return {
    sql: `SELECT p.id, p.title, p.abstract FROM paper p JOIN (${(scope as { sql: string }).sql}) s ON s.paper_id = p.id`,
    params: [],
  };
}

async function copyRows(client: pg.ClientBase, table: string, rows: string[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  for (let i = 0; i < rows.length; i += 10_000) stream.write(rows.slice(i, i + 10_000).join(""));
  stream.end();
  await done;
}

/** Makes sure each topic has its TOPIC tag row and returns the tag ids, in taxonomy order. */
async function topicTagIds(client: pg.ClientBase, topics: readonly Topic[]): Promise<number[]> {
  const slugs = topics.map((topic) => topic.slug);
  // A person may have made up "video" before it became a topic: it becomes the topic, their applications stay.
  await client.query(
    `UPDATE tag SET name = t.name, kind = 'TOPIC' FROM unnest($1::text[], $2::text[]) AS t(slug, name)
     WHERE tag.slug = t.slug AND (tag.name, tag.kind) IS DISTINCT FROM (t.name, 'TOPIC'::"TagKind")`,
    [slugs, topics.map((topic) => topic.name)],
  );
  const { rows } = await client.query<{ id: number; slug: string }>(
    `SELECT id, slug FROM tag WHERE slug = ANY($1::text[])`,
    [slugs],
  );
  const ids = new Map(rows.map((row) => [row.slug, row.id]));
  return slugs.map((slug) => ids.get(slug)!);
}

/** Rows to insert from which the foreign keys are dropped and re-checked at the end (see dropForeignKeysForBulk). */
const BULK_ROWS = 20_000;

/**
 * A bulk import adds far more tags than paper_tag holds: checking its two foreign keys row by row
 * (two lookups per row) then costs three times the insert itself, while re-adding them checks all
 * rows with one join (lib/db/bulk-keys.ts). The ACCESS EXCLUSIVE lock this takes on paper_tag is held
 * to commit, as the bulk merge's DROP INDEX already does on paper.
 */
async function dropForeignKeysForBulk(client: pg.ClientBase): Promise<DroppedKey[]> {
  const {
    rows: [sizes],
  } = await client.query<{ incoming: number; existing: number }>(`
    SELECT (SELECT coalesce(sum(cardinality(tag_ids)), 0) FROM topic_scan)::int AS incoming,
           greatest((SELECT reltuples FROM pg_class WHERE oid = 'paper_tag'::regclass), 0)::bigint::int AS existing`);
  if (sizes!.incoming < BULK_ROWS || sizes!.incoming <= sizes!.existing) return [];
  return dropForeignKeys(client, ["paper_tag"]);
}

/** Reads the scope's papers with a cursor, matches each here, and COPYs one topic_scan row per paper. */
async function scanPapers(
  client: pg.ClientBase,
  scope: TopicScope,
  row: (id: number, found: number[]) => string,
  matcher: ReturnType<typeof compileTopics>,
): Promise<void> {
  const rows: string[] = [];
  const { sql, params } = scopeQuery(scope);
  await client.query(`DECLARE topic_papers NO SCROLL CURSOR FOR ${sql}`, params);
  for (;;) {
    const batch = await client.query<[number, string, string]>({
      text: `FETCH ${BATCH} FROM topic_papers`,
      rowMode: "array",
    });
    for (const [id, title, abstract] of batch.rows) rows.push(row(id, matchTopics(matcher, title, abstract)));
    if (batch.rows.length < BATCH) break;
  }
  await client.query(`CLOSE topic_papers`);
  await copyRows(client, "topic_scan", rows);
}

/**
 * Tags the papers in `scope` with the topics their text matches and takes automatic tags off those
 * it no longer matches (a tag people applied stays, without the automatic flag). Keeps
 * tag.paper_count exact. Runs in the caller's transaction.
 *
 * Locking: paper_tag is locked against concurrent writers (SHARE ROW EXCLUSIVE) for the rest of the
 * transaction, so the counts computed here cannot race a person's tag. People's tag actions lock the
 * paper row before paper_tag (lib/tags/user-tags.ts), the importer locks changed papers before this,
 * so the two never wait on each other in a cycle.
 */
export async function applyTopicTags(
  client: pg.ClientBase,
  scope: TopicScope,
  topics: readonly Topic[] = TOPICS,
): Promise<TopicTagSummary> {
  const matcher = compileTopics(topics);
  const trace = tracer();
  const summary: TopicTagSummary = { topics: topics.length, papers: 0, tagged: 0, added: 0, removed: 0 };
  // Created before the lock: inserting a tag that exists takes no row lock, so nothing here waits on people's tagging.
  await client.query(
    `INSERT INTO tag (slug, name, kind) SELECT slug, name, 'TOPIC' FROM unnest($1::text[], $2::text[]) AS t(slug, name)
     ON CONFLICT (slug) DO NOTHING`,
    [topics.map((topic) => topic.slug), topics.map((topic) => topic.name)],
  );
  await client.query(`LOCK TABLE paper_tag IN SHARE ROW EXCLUSIVE MODE`);
  const tagIds = await topicTagIds(client, topics);

  await client.query(`CREATE TEMP TABLE topic_scan (paper_id int PRIMARY KEY, tag_ids int[] NOT NULL) ON COMMIT DROP`);
  if (typeof scope === "object" && !Array.isArray(scope) && (scope as { matched?: string }).matched) {
    const { sql, matched } = scope as { sql: string; matched: string };
    // Staged matches are positions in TOPICS (lib/tags/staged-topics.ts); NULL (none) gives '{}'. An ARRAY
    // subquery with no ORDER BY: tag_ids is a set (ANY, unnest), and sorting each paper's cost a quarter.
    if (topics !== TOPICS) throw new Error("applyTopicTags: staged matches are for the shipped taxonomy only");
    await client.query(
      `INSERT INTO topic_scan
       SELECT s.paper_id, ARRAY(SELECT ($1::int[])[t + 1] FROM unnest(m.topics) AS t)
       FROM (${sql}) s LEFT JOIN ${matched} m ON m.line = s.line`,
      [tagIds],
    );
    const {
      rows: [counts],
    } = await client.query<{ papers: number; tagged: number }>(
      `SELECT count(*)::int AS papers, count(*) FILTER (WHERE cardinality(tag_ids) > 0)::int AS tagged FROM topic_scan`,
    );
    summary.papers = counts!.papers;
    summary.tagged = counts!.tagged;
  } else {
    await scanPapers(
      client,
      scope,
      (id, found) => {
        summary.papers += 1;
        if (found.length > 0) summary.tagged += 1;
        return `${id}\t{${found.map((position) => tagIds[position]).join(",")}}\n`;
      },
      matcher,
    );
  }
  await client.query(`ANALYZE topic_scan`);
  trace(`matched ${summary.papers} papers`);
  if (summary.papers === 0) {
    await client.query(`DROP TABLE topic_scan`);
    return summary;
  }

  // Automatic tags the text no longer supports: gone when nobody applied them, else just not automatic.
  // The DELETE runs first so a row is never both updated and deleted by one statement.
  const removed = await client.query<{ tag_id: number; n: number }>(`
    WITH gone AS (
      DELETE FROM paper_tag pt USING topic_scan s
      WHERE pt.paper_id = s.paper_id AND pt.automatic AND pt.user_count = 0 AND NOT (pt.tag_id = ANY(s.tag_ids))
      RETURNING pt.tag_id)
    SELECT tag_id, count(*)::int AS n FROM gone GROUP BY tag_id`);
  trace("deleted stale automatic tags");
  const unflagged = await client.query(`
    UPDATE paper_tag pt SET automatic = false FROM topic_scan s
    WHERE pt.paper_id = s.paper_id AND pt.automatic AND NOT (pt.tag_id = ANY(s.tag_ids))`);
  trace("unflagged stale automatic tags");
  const foreignKeys = await dropForeignKeysForBulk(client);
  const bulk = foreignKeys.length > 0;
  // A bulk load also builds the (tag_id, paper_id) index once at the end rather than row by row.
  const indexes = bulk ? await dropSecondaryIndexes(client, ["paper_tag"]) : [];
  // xmax = 0 marks a freshly inserted row (an updated one carries its updater's xid): new rows add a paper to the tag.
  const inserted = await client.query<{ tag_id: number; n: number; flagged: number }>(`
    WITH up AS (
      INSERT INTO paper_tag (paper_id, tag_id, automatic)
      SELECT s.paper_id, t.tag_id, true FROM topic_scan s CROSS JOIN LATERAL unnest(s.tag_ids) AS t(tag_id)
      ${bulk ? "WHERE EXISTS (SELECT 1 FROM paper_tag pt WHERE pt.paper_id = s.paper_id)" : ""}
      ON CONFLICT (paper_id, tag_id) DO UPDATE SET automatic = true WHERE NOT paper_tag.automatic
      RETURNING tag_id, xmax = 0 AS inserted)
    SELECT tag_id, count(*) FILTER (WHERE inserted)::int AS n, count(*)::int AS flagged FROM up GROUP BY tag_id`);
  // Dropped after the upsert above (its arbiter) and added back below, built once and checked then.
  const primaryKey = bulk ? await dropPrimaryKey(client, "paper_tag") : [];
  if (bulk) {
    // Papers with no tag at all (a bulk load's new papers) cannot conflict: a plain insert skips the
    // upsert's speculative insertion, a third of the statement's time, and the missing primary key
    // its index insertions, half of what was left.
    const fresh = await client.query<{ tag_id: number; n: number; flagged: number }>(`
      WITH up AS (
        INSERT INTO paper_tag (paper_id, tag_id, automatic)
        SELECT s.paper_id, t.tag_id, true FROM topic_scan s CROSS JOIN LATERAL unnest(s.tag_ids) AS t(tag_id)
        WHERE NOT EXISTS (SELECT 1 FROM paper_tag pt WHERE pt.paper_id = s.paper_id)
        RETURNING tag_id)
      SELECT tag_id, count(*)::int AS n, count(*)::int AS flagged FROM up GROUP BY tag_id`);
    inserted.rows.push(...fresh.rows);
  }
  trace("inserted automatic tags");
  await restoreKeys(client, primaryKey);
  await rebuildIndexes(client, indexes);
  await restoreKeys(client, foreignKeys);
  if (bulk) trace("rebuilt the index, re-checked foreign keys");

  const delta = new Map<number, number>();
  for (const row of removed.rows) delta.set(row.tag_id, (delta.get(row.tag_id) ?? 0) - row.n);
  for (const row of inserted.rows) delta.set(row.tag_id, (delta.get(row.tag_id) ?? 0) + row.n);
  const changed = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => a - b);
  if (changed.length > 0) {
    await client.query(
      `UPDATE tag SET paper_count = paper_count + d.n FROM unnest($1::int[], $2::int[]) AS d(id, n) WHERE tag.id = d.id`,
      [changed.map(([id]) => id), changed.map(([, n]) => n)],
    );
  }
  summary.added = inserted.rows.reduce((sum, row) => sum + row.flagged, 0);
  summary.removed = removed.rows.reduce((sum, row) => sum + row.n, 0) + (unflagged.rowCount ?? 0);
  await client.query(`DROP TABLE topic_scan`);
  return summary;
}
