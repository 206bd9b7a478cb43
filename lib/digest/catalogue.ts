// What the digest reads from the catalogue: the latest digest date, the period's candidate papers, and papers to render.
import type { Queryable } from "../db/queryable";
import type { DigestPaper } from "./compose";
import type { DigestPeriod } from "./period";
import type { DigestCandidate } from "./select";

/** Hottest papers a period considers: far more than any email carries, so per-subscriber filters still leave enough. */
const CANDIDATE_LIMIT = 1000;

/** The newest digest on or before `day` ("YYYY-MM-DD"), or null when there is none. */
export async function latestDigestDate(db: Queryable, day: string): Promise<string | null> {
  const { rows } = await db.query<{ date: string | null }>(
    `SELECT to_char(max(date), 'YYYY-MM-DD') AS date FROM digest WHERE date <= $1::date`,
    [day],
  );
  return rows[0]?.date ?? null;
}

/**
 * The period's candidates, hottest first (the trending order: trending_key DESC, id), each with its
 * tags. Read once per run and shared by every subscriber; walks paper_first_seen_idx for the window.
 */
export async function loadCandidates(
  db: Queryable,
  period: DigestPeriod,
  limit = CANDIDATE_LIMIT,
): Promise<DigestCandidate[]> {
  const { rows } = await db.query<{
    id: number;
    first_seen: string;
    created_ms: string;
    tag_ids: number[];
    author_keys: string[] | null;
  }>(
    `SELECT p.id, to_char(p.first_seen, 'YYYY-MM-DD') AS first_seen, p.author_keys,
            (extract(epoch FROM p.created_at) * 1000)::bigint::text AS created_ms,
            coalesce((SELECT array_agg(pt.tag_id ORDER BY pt.tag_id) FROM paper_tag pt WHERE pt.paper_id = p.id), '{}') AS tag_ids
     FROM (SELECT id, first_seen, created_at, trending_key, author_keys FROM paper
           WHERE first_seen BETWEEN $1::date AND $2::date
           ORDER BY trending_key DESC, id LIMIT $3) p
     ORDER BY p.trending_key DESC, p.id`,
    [period.candidatesFrom, period.digestDate, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    firstSeen: row.first_seen,
    createdAt: Number(row.created_ms),
    tagIds: row.tag_ids,
    authorKeys: row.author_keys ?? [],
  }));
}

/**
 * Title, abstract, slug, first code link, upvotes and author keys of each paper (the last two for the
 * why-lines); missing ids (deleted papers) are simply absent.
 */
export async function loadPapers(db: Queryable, ids: readonly number[]): Promise<Map<number, DigestPaper>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{
    id: number;
    slug: string;
    title: string;
    abstract: string;
    code_url: string | null;
    upvote_count: number;
    upstream_upvotes: number;
    author_keys: string[] | null;
  }>(
    `SELECT p.id, p.slug, p.title, p.abstract, p.upvote_count, p.upstream_upvotes, p.author_keys,
            (SELECT l.url FROM paper_link l WHERE l.paper_id = p.id AND l.kind = 'CODE' ORDER BY l.position LIMIT 1) AS code_url
     FROM paper p WHERE p.id = ANY($1::int[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        slug: row.slug,
        title: row.title,
        abstract: row.abstract,
        codeUrl: row.code_url,
        upvotes: row.upvote_count,
        upstreamUpvotes: row.upstream_upvotes,
        authorKeys: row.author_keys ?? [],
      },
    ]),
  );
}

export async function loadTagNames(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; name: string }>(`SELECT id, name FROM tag WHERE id = ANY($1::int[])`, [
    ids,
  ]);
  return new Map(rows.map((row) => [row.id, row.name]));
}
