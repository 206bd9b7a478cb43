// Merges an import's staging table into the catalogue: papers, links, digest entries.
// Runs inside the import's transaction; every statement is set-based.
import type pg from "pg";
import { dropSecondaryIndexes, rebuildIndexes } from "../db/bulk-indexes";
import type { Queryable } from "../db/queryable";
import { applyTopicTags } from "../tags/apply-topics";
import { type DroppedKey, dropForeignKeys, restoreKeys } from "../db/bulk-keys";
import { classifyStage } from "./classify";
import type { Problem } from "./types";

type MergeCounts = { new: number; updated: number; unchanged: number; entriesAdded: number };

/**
 * upstreamChanged: papers whose upstream upvote count this merge set or changed (their trending boost
 * needs recomputing). written: rows each table gained, lost or changed, for the import's ANALYZE (analyze.ts).
 */
export type MergeResult = MergeCounts & { bulk: boolean; upstreamChanged: number[]; written: Record<string, number> };

/**
 * A load bigger than the catalogue it lands in is cheaper with the indexes rebuilt once at the end
 * than maintained row by row, with the search vectors computed by a parallel query on every core
 * rather than by the trigger in this one backend, and with the vocabulary counted once from the
 * new papers rather than by the statement trigger (whose transition table copies every row).
 */
function shouldBulkLoad(staged: number, catalogueSize: number): boolean {
  return staged >= 20_000 && staged > catalogueSize;
}

export async function mergeStage(
  client: pg.PoolClient,
  stage: string,
  digest: { date: string; source: string; importRunId: number; papers: number },
  problems: (problem: Problem) => void,
): Promise<MergeResult> {
  // PAPERPULSE_TRACE_IMPORT=1 prints each statement's duration: where a slow import spends its time.
  const trace = process.env.PAPERPULSE_TRACE_IMPORT === "1";
  const q = async (sql: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(sql, params);
    if (trace)
      console.error(
        `[import] ${(performance.now() - started).toFixed(0).padStart(6)} ms  ${sql.trim().split("\n")[0]!.slice(0, 90)}`,
      );
    return result;
  };

  // Which staged papers are new, changed or known and unchanged: one rule, shared with the admin preview.
  const { map, base, counts } = await classifyStage({ query: q }, stage, digest.date);
  // New papers get ids base + their position in the file, reserved up front, so links and digest entries need no
  // join back to paper by title. Safe because only imports insert papers, one at a time (lock).
  await q(`SELECT setval(pg_get_serial_sequence('paper', 'id'), $1::int + $2::int + 1, false)`, [base, digest.papers]);
  // The highest id stands in for the catalogue's size: free, and never smaller than it.
  const bulk = shouldBulkLoad(counts.new, base);

  await resolveSlugClashes({ query: q }, stage, map);
  await dropArxivClashes({ query: q }, stage, map, problems);

  const newPapers = `
      SELECT m.paper_id, s.slug, s.title_key, s.title, s.abstract, s.arxiv_id, $1::date AS first_seen,
             coalesce(s.authors, '{}') AS authors, coalesce(s.upstream_upvotes, 0) AS upstream_upvotes
      FROM ${stage} s JOIN ${map} m USING (line) WHERE m.is_new`;
  let indexDefinitions: string[] = [];
  let foreignKeys: DroppedKey[] = [];
  if (bulk) {
    // Every index of paper but its primary key (the statements below and the foreign keys find papers
    // by id), the vocabulary's trigram index, and digest_entry's two lookup indexes (its primary key
    // stays: the entries' ON CONFLICT needs it). The unique ones are safe to drop: the classification
    // and the two clash steps above made the new papers unique.
    indexDefinitions = await dropSecondaryIndexes({ query: q }, ["paper", "search_word", "digest_entry"]);
    if (base === 0) {
      // An empty catalogue: truncating it (and, by CASCADE, the tables that point at papers:
      // all empty too) is a no-op for data but gives the tables new files in
      // this transaction, which PostgreSQL with wal_level=minimal fills without WAL and
      // flushes at commit. A crash still rolls back to the old, empty files.
      await q(`TRUNCATE paper CASCADE`);
    }
    // The tables that get a row or more per new paper check their keys once, after their inserts below.
    foreignKeys = await dropForeignKeys({ query: q }, ["paper_link", "digest_entry", "paper_similar_pending"]);
    // Parallel workers compute the search vectors: CREATE TABLE AS may run in parallel, INSERT may not.
    // Its rows stay whole (toast_tuple_target): read once by the INSERT, not worth toasting.
    await q(`SET LOCAL parallel_setup_cost = 0`);
    await q(`SET LOCAL parallel_tuple_cost = 0`);
    await q(`SET LOCAL min_parallel_table_scan_size = 0`);
    // The leader alone writes a CREATE TABLE AS's rows: computing vectors too, it kept the workers
    // waiting for it (at 100,000 papers, 0.4 s less with the workers computing and the leader writing).
    await q(`SET LOCAL parallel_leader_participation = off`);
    await q(
      `CREATE UNLOGGED TABLE ${stage}_new WITH (toast_tuple_target = 8160) AS
      SELECT n.*, paper_search_vector(n.title, n.abstract) AS search_vector FROM (${newPapers}) n`,
      [digest.date],
    );
    // The vectors are handed in and the words counted below: the two triggers would only repeat that
    // work row by row. Disabled for this statement only, inside the transaction (a crash re-enables them).
    await q(`ALTER TABLE paper DISABLE TRIGGER paper_search_vector_sync, DISABLE TRIGGER paper_search_words`);
    await q(`
      INSERT INTO paper (id, slug, title_key, title, abstract, arxiv_id, first_seen, authors, upstream_upvotes, search_vector)
      SELECT paper_id, slug, title_key, title, abstract, arxiv_id, first_seen, authors, upstream_upvotes, search_vector FROM ${stage}_new`);
    await q(`ALTER TABLE paper ENABLE TRIGGER paper_search_vector_sync, ENABLE TRIGGER paper_search_words`);
    await q(`DROP TABLE ${stage}_new`);
    // The same count as the trigger's (search_words_of, migration 20261212140000_bulk_import_vocabulary),
    // by a parallel query over the narrower staging table; only the upsert of its result runs serially.
    await q(
      `CREATE UNLOGGED TABLE ${stage}_words AS
      SELECT w AS word, count(*)::int AS papers FROM (${newPapers}) n, search_words_of(n.title) AS w GROUP BY w`,
      [digest.date],
    );
    await q(`
      INSERT INTO search_word (word, papers) SELECT word, papers FROM ${stage}_words
      ON CONFLICT (word) DO UPDATE SET papers = search_word.papers + excluded.papers`);
    await q(`DROP TABLE ${stage}_words`);
  } else {
    // The paper_search_vector_sync trigger computes the vectors.
    await q(
      `
      INSERT INTO paper (id, slug, title_key, title, abstract, arxiv_id, first_seen, authors, upstream_upvotes)
      SELECT * FROM (${newPapers}) n`,
      [digest.date],
    );
  }

  // Papers the catalogue already had: nothing to do when the file brings none (a bulk load's usual case),
  // and each statement below would still scan the staging table.
  const known = counts.updated + counts.unchanged;
  if (known > 0) {
    // Authors and the upstream count follow the latest file that has them; updated_at (the text) does not move.
    await q(`
      UPDATE paper p SET authors = coalesce(s.authors, p.authors), upstream_upvotes = coalesce(s.upstream_upvotes, p.upstream_upvotes)
      FROM ${stage} s JOIN ${map} m USING (line) WHERE m.enriched AND p.id = m.paper_id`);

    await q(`
      UPDATE paper p SET title = s.title, abstract = s.abstract, arxiv_id = coalesce(s.arxiv_id, p.arxiv_id), updated_at = now()
      FROM ${stage} s JOIN ${map} m USING (line) WHERE m.changed AND p.id = m.paper_id`);
    // Digests may arrive out of order: first_seen is the earliest digest a paper appeared in.
    await q(
      `
      UPDATE paper p SET first_seen = $1::date
      FROM ${map} m WHERE NOT m.is_new AND p.id = m.paper_id AND p.first_seen > $1::date`,
      [digest.date],
    );
    await q(`
      UPDATE paper p SET arxiv_id = s.arxiv_id
      FROM ${stage} s JOIN ${map} m USING (line)
      WHERE NOT m.is_new AND NOT m.changed AND p.id = m.paper_id AND p.arxiv_id IS NULL AND s.arxiv_id IS NOT NULL`);
  }

  // Links are derived from the abstract: new papers get theirs, changed papers get theirs replaced.
  const linksDeleted =
    counts.updated > 0
      ? await q(`DELETE FROM paper_link l USING ${map} m WHERE m.changed AND l.paper_id = m.paper_id`)
      : { rowCount: 0 };
  const linksInserted = await q(`
    INSERT INTO paper_link (paper_id, url, kind, position)
    SELECT m.paper_id, link.item->>'url', (link.item->>'kind')::"LinkKind", link.ordinality::int
    FROM ${stage} s
    JOIN ${map} m USING (line)
    CROSS JOIN LATERAL jsonb_array_elements(s.links) WITH ORDINALITY AS link(item, ordinality)
    WHERE (m.is_new OR m.changed) AND jsonb_array_length(s.links) > 0
    ON CONFLICT (paper_id, url) DO NOTHING`);

  const {
    rows: [digestRow],
  } = await q(
    `INSERT INTO digest (date, source) VALUES ($1::date, $2)
     ON CONFLICT (date) DO UPDATE SET source = digest.source RETURNING id`,
    [digest.date, digest.source],
  );
  // A later file for a day the catalogue already has appends its papers after the day's own, in the
  // file's order: the day's order never changes once readers have seen it. The first file keeps 1..n.
  const entries = await q(
    `INSERT INTO digest_entry (digest_id, paper_id, position, import_run_id)
     SELECT $1, m.paper_id,
            (SELECT coalesce(max(position), 0) FROM digest_entry WHERE digest_id = $1)
              + row_number() OVER (ORDER BY m.position),
            $2
     FROM ${map} m
     WHERE NOT EXISTS (SELECT 1 FROM digest_entry e WHERE e.digest_id = $1 AND e.paper_id = m.paper_id)
     ON CONFLICT (digest_id, paper_id) DO NOTHING`,
    [digestRow.id, digest.importRunId],
  );
  // Recounted, not incremented: exact whatever happened before, and one count per import is cheap.
  await q(`UPDATE digest SET paper_count = (SELECT count(*) FROM digest_entry WHERE digest_id = $1) WHERE id = $1`, [
    digestRow.id,
  ]);
  // After the digest entries: a bulk load's entries go in with only digest_entry's primary key to keep.
  await rebuildIndexes({ query: q }, indexDefinitions);
  // Similar-paper lists (lib/papers/similar.ts) of the papers this file added or changed are the worker's
  // job (lib/papers/similar-backfill.ts), not the import's: computing them here cost a 100-paper digest
  // about 1.4 s at 100,000 papers. Until the worker gets to them, a paper page computes its list on request.
  const queued = await q(
    `INSERT INTO paper_similar_pending (paper_id) SELECT paper_id FROM ${map} WHERE is_new OR changed ON CONFLICT DO NOTHING`,
  );
  await restoreKeys({ query: q }, foreignKeys);
  const { rows: upstream } = await q(`SELECT paper_id FROM ${map} WHERE upstream_changed`);
  // Topic tags (lib/tags/topics.ts) of the papers whose text this file set, in this transaction.
  const tags = await applyTopicTags(client, {
    sql: `SELECT paper_id, line FROM ${map} WHERE is_new OR changed`,
    // The staging rows carry each paper's topics, matched as the file streamed (lib/tags/staged-topics.ts).
    matched: stage,
  });
  await q(`DROP TABLE ${map}`);
  return {
    ...counts,
    entriesAdded: entries.rowCount ?? 0,
    bulk,
    upstreamChanged: upstream.map((row) => row.paper_id as number),
    written: {
      paper: counts.new + counts.updated,
      paper_link: (linksDeleted.rowCount ?? 0) + (linksInserted.rowCount ?? 0),
      digest_entry: entries.rowCount ?? 0,
      paper_tag: tags.added + tags.removed,
      // The vocabulary trigger's words: each new title brings a handful, mostly ones already counted.
      search_word: counts.new,
      paper_similar_pending: queued.rowCount ?? 0,
    },
  };
}

/**
 * Slugs carry 6 hex digits of the title-key hash, so two different papers rarely share one;
 * when they do (the same ASCII words, or titles with no ASCII letters), the newcomer gets a
 * longer hash. Existing papers never change slug: URLs stay stable.
 */
async function resolveSlugClashes(client: Queryable, stage: string, map: string): Promise<void> {
  // The file's repeated slugs by a hash aggregate, not a window function over every slug: no sort
  // for a clash that almost never happens. Both subqueries run once (hashed), not per row.
  await client.query(`
    UPDATE ${stage} s
    SET slug = left(s.slug, length(s.slug) - 6) || left(encode(sha256(convert_to(s.title_key, 'UTF8')), 'hex'), 16)
    FROM ${map} m
    WHERE m.line = s.line AND m.is_new
      AND (s.line IN (SELECT s2.line
                      FROM ${stage} s2 JOIN ${map} m2 USING (line)
                      JOIN (SELECT s3.slug, min(s3.line) AS first_line
                            FROM ${stage} s3 JOIN ${map} m3 USING (line) WHERE m3.is_new
                            GROUP BY s3.slug HAVING count(*) > 1) d ON d.slug = s2.slug
                      WHERE m2.is_new AND s2.line > d.first_line)
           OR EXISTS (SELECT 1 FROM paper p WHERE p.slug = s.slug))`);
}

/** An arXiv id names one paper: when two titles claim it, the first keeps it and we say so. */
async function dropArxivClashes(
  client: Queryable,
  stage: string,
  map: string,
  problems: (problem: Problem) => void,
): Promise<void> {
  const { rows } = await client.query<{ line: number; arxiv_id: string }>(`
    UPDATE ${stage} s SET arxiv_id = NULL
    FROM (
      SELECT s2.line, s2.arxiv_id, row_number() OVER (PARTITION BY s2.arxiv_id ORDER BY s2.line) AS n
      FROM ${stage} s2 WHERE s2.arxiv_id IS NOT NULL
    ) d
    JOIN ${map} m USING (line)
    WHERE d.line = s.line
      AND (d.n > 1 OR EXISTS (SELECT 1 FROM paper p WHERE p.arxiv_id = d.arxiv_id AND p.id <> m.paper_id))
    RETURNING s.line, d.arxiv_id`);
  for (const row of rows) {
    problems({
      line: row.line,
      message: `arXiv id ${row.arxiv_id} already belongs to another paper; imported without it`,
    });
  }
}
