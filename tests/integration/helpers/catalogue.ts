// Row counts and lookups the import integration tests compare before and after an import.
import type pg from "pg";

export type CatalogueCounts = {
  paper: number;
  paper_link: number;
  digest: number;
  digest_entry: number;
  import_run: number;
};

export async function catalogueCounts(pool: pg.Pool): Promise<CatalogueCounts> {
  const {
    rows: [row],
  } = await pool.query<CatalogueCounts>(`
    SELECT (SELECT count(*) FROM paper)::int AS paper,
           (SELECT count(*) FROM paper_link)::int AS paper_link,
           (SELECT count(*) FROM digest)::int AS digest,
           (SELECT count(*) FROM digest_entry)::int AS digest_entry,
           (SELECT count(*) FROM import_run)::int AS import_run`);
  return row!;
}

export async function importRun(pool: pg.Pool, id: number) {
  const {
    rows: [row],
  } = await pool.query(
    `SELECT file_name, file_size::int AS file_size, sha256, imported_by, status, to_char(digest_date, 'YYYY-MM-DD') AS digest_date,
            new_count, updated_count, unchanged_count, skipped_count, problems, error, finished_at
     FROM import_run WHERE id = $1`,
    [id],
  );
  return row;
}

/** Each paper whose title key matches, with the dates of the digests it appears in. */
export async function papersWithTitleKey(pool: pg.Pool, titleKey: string) {
  const { rows } = await pool.query<{ id: number; title: string; first_seen: string; digest_dates: string[] }>(
    `SELECT p.id, p.title, to_char(p.first_seen, 'YYYY-MM-DD') AS first_seen,
            coalesce(array_agg(to_char(d.date, 'YYYY-MM-DD') ORDER BY d.date) FILTER (WHERE d.id IS NOT NULL), '{}') AS digest_dates
     FROM paper p LEFT JOIN digest_entry e ON e.paper_id = p.id LEFT JOIN digest d ON d.id = e.digest_id
     WHERE p.title_key = $1 GROUP BY p.id`,
    [titleKey],
  );
  return rows;
}
