// Owns the one rule that sorts a staged file's papers against the catalogue: new, changed, or known and
// unchanged. The importer (merge.ts) acts on it; the admin preview (admin-import/summarize.ts) shows it.
import type { Queryable } from "../db/queryable";

/** updated: the paper's text changes, or the file brings authors or an upstream count it did not have. */
type ClassifiedCounts = { new: number; updated: number; unchanged: number };

export type Classified = {
  /** The table `${stage}_map` (see classifyStage); the caller drops it, or lets its transaction roll back. */
  map: string;
  /** The highest paper id before this file: new papers get base + their staged position as id. */
  base: number;
  counts: ClassifiedCounts;
};

/** SQL conditions on a `${stage}_map` row, for callers that list papers by kind. */
export const KIND = {
  new: "is_new",
  updated: "NOT is_new AND (changed OR enriched)",
  unchanged: "NOT is_new AND NOT changed AND NOT enriched",
} as const;

/**
 * Builds `${stage}_map`, one row per staged paper: line, position (its order in the digest: ascending,
 * with gaps where repeated titles were removed), paper_id, is_new,
 * by_arxiv, changed (its title or abstract is replaced), authors_changed and upstream_changed (the file
 * brings authors or an upstream count the paper does not have yet), enriched (either of those two).
 * `db` is the connection holding the stage; the importer wraps its own to trace each statement's time.
 */
export async function classifyStage(db: Queryable, stage: string, date: string): Promise<Classified> {
  const q = (sql: string, params?: unknown[]) => db.query(sql, params);
  const map = `${stage}_map`;
  const {
    rows: [{ base }],
  } = await q(`SELECT coalesce(max(id), 0)::int AS base FROM paper`);

  // Which staged papers the catalogue already knows (by normalized title, else by arXiv id), and
  // whether they changed. The newest digest's text wins: importing an older digest late does not
  // roll back a title or abstract that a later digest already updated. A paper found by its arXiv id
  // under another title (Hugging Face's title with a different subtitle) keeps its title and slug:
  // its identity is the title it was first imported with, and its URL must not move.
  await q(
    `
    CREATE UNLOGGED TABLE ${map} AS
    SELECT line, position, paper_id, is_new, by_arxiv, changed, authors_changed, upstream_changed,
           authors_changed OR (NOT is_new AND upstream_changed) AS enriched
    FROM (
      SELECT s.line, s.position,
             coalesce(k.id, $2::int + s.position) AS paper_id, k.id IS NULL AS is_new, a.id IS NOT NULL AS by_arxiv,
             (p.id IS NOT NULL AND (p.title, p.abstract) IS DISTINCT FROM (s.title, s.abstract)
              AND NOT EXISTS (SELECT 1 FROM digest_entry e JOIN digest d ON d.id = e.digest_id
                              WHERE e.paper_id = p.id AND d.date > $1::date)) AS changed,
             (k.id IS NOT NULL AND s.authors IS NOT NULL AND s.authors IS DISTINCT FROM k.authors) AS authors_changed,
             CASE WHEN k.id IS NULL THEN coalesce(s.upstream_upvotes, 0) > 0
                  ELSE s.upstream_upvotes IS NOT NULL AND s.upstream_upvotes <> k.upstream_upvotes END AS upstream_changed
      FROM ${stage} s
      LEFT JOIN paper p ON p.title_key = s.title_key
      LEFT JOIN paper a ON p.id IS NULL AND a.arxiv_id = s.arxiv_id
      CROSS JOIN LATERAL (SELECT coalesce(p.id, a.id) AS id,
                                 CASE WHEN p.id IS NULL THEN a.authors ELSE p.authors END AS authors,
                                 coalesce(p.upstream_upvotes, a.upstream_upvotes) AS upstream_upvotes) k
    ) classified`,
    [date, base],
  );
  await q(`CREATE UNIQUE INDEX ON ${map} (line)`);
  // One paper, one staged row: a paper the file also lists under its own title, or under a second
  // title with the same arXiv id, is not matched by arXiv id again; that row becomes a new paper
  // (and merge.ts's dropArxivClashes takes the id it cannot have).
  await q(
    `
    UPDATE ${map} m SET paper_id = $1::int + s.position, is_new = true, by_arxiv = false, enriched = false,
                        authors_changed = false, upstream_changed = coalesce(s.upstream_upvotes, 0) > 0
    FROM ${stage} s, (SELECT line, row_number() OVER (PARTITION BY paper_id ORDER BY by_arxiv, line) AS n
                      FROM ${map} WHERE NOT is_new AND paper_id IN (SELECT paper_id FROM ${map} WHERE by_arxiv)) d
    WHERE m.by_arxiv AND d.line = m.line AND d.n > 1 AND s.line = m.line`,
    [base],
  );
  await q(`ANALYZE ${map}`);

  const {
    rows: [counts],
  } = await q(`
    SELECT count(*) FILTER (WHERE ${KIND.new})::int AS new,
           count(*) FILTER (WHERE ${KIND.updated})::int AS updated,
           count(*) FILTER (WHERE ${KIND.unchanged})::int AS unchanged
    FROM ${map}`);
  return { map, base, counts: counts as ClassifiedCounts };
}
