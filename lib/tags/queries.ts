// Reading tags: a paper's tags, the tag list, one tag's papers and monthly counts, a person's tags.
import "server-only";
import { db, type Tx } from "../db/prisma";
import { Prisma } from "../db/generated/client";
import { NEWEST_FIRST } from "../papers/newest-order";
import { paperSummaries } from "../papers/paper";
import type { PaperSummary } from "../papers/types";
import { isTagSlug } from "./slug";
import { TOPICS } from "./topic-taxonomy";
import type { PaperTagView, TagSort, TagSummary } from "./types";

/** Papers per tag page. */
export const TAG_PAGE_SIZE = 20;
/** People's tags listed on /tags, most used first; topics are always all listed. */
export const LISTED_USER_TAGS = 300;

const DESCRIPTIONS = new Map(TOPICS.map((topic) => [topic.slug, topic.description]));

/** How each sort orders a tag's papers (p = paper); the id breaks ties so pages never overlap. */
const TAG_ORDER: Record<TagSort, Prisma.Sql> = {
  new: NEWEST_FIRST,
  trending: Prisma.sql`p.trending_key DESC, p.id ASC`,
  top: Prisma.sql`p.upvote_count DESC, p.id ASC`,
};

/** Inside a transaction (addUserTags answers with the tags it just wrote) or on its own. */
export async function paperTagsWith(
  client: Tx,
  paperId: number,
  viewerUserId?: string | null,
): Promise<PaperTagView[]> {
  return client.$queryRaw<PaperTagView[]>`
    SELECT t.slug, t.name, t.kind::text AS kind, pt.automatic, pt.user_count AS "userCount",
           (${viewerUserId ?? null}::text IS NOT NULL AND EXISTS (
             SELECT 1 FROM paper_user_tag u
             WHERE u.paper_id = pt.paper_id AND u.tag_id = pt.tag_id AND u.user_id = ${viewerUserId ?? null}::text)) AS mine
    FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id
    WHERE pt.paper_id = ${paperId}
    ORDER BY pt.automatic DESC, pt.user_count DESC, t.slug`;
}

/** A paper's tags: automatic ones first, then by how many people applied them. */
export function tagsForPaper(paperId: number, viewerUserId?: string | null): Promise<PaperTagView[]> {
  return paperTagsWith(db(), paperId, viewerUserId);
}

/**
 * Every tag in use: the topics first (the curated vocabulary, so /tags reads like a table of
 * contents), then people's tags; each group by paper count. Topics are listed even with no papers yet.
 */
export async function listTags(): Promise<TagSummary[]> {
  const rows = await db().$queryRaw<Omit<TagSummary, "description">[]>`
    (SELECT slug, name, kind::text AS kind, paper_count AS "paperCount" FROM tag WHERE kind = 'TOPIC')
    UNION ALL
    (SELECT slug, name, kind::text AS kind, paper_count AS "paperCount" FROM tag
     WHERE kind = 'USER' AND paper_count > 0 ORDER BY paper_count DESC, slug LIMIT ${LISTED_USER_TAGS})`;
  return rows
    .map((row) => ({ ...row, description: row.kind === "TOPIC" ? (DESCRIPTIONS.get(row.slug) ?? null) : null }))
    .sort((a, b) =>
      a.kind === b.kind ? b.paperCount - a.paperCount || a.slug.localeCompare(b.slug) : a.kind === "TOPIC" ? -1 : 1,
    );
}

/** One tag; null for an unknown or malformed slug (which never reaches the database). */
export async function tagBySlug(slug: string): Promise<TagSummary | null> {
  if (!isTagSlug(slug)) return null;
  const rows = await db().$queryRaw<Omit<TagSummary, "description">[]>`
    SELECT slug, name, kind::text AS kind, paper_count AS "paperCount" FROM tag WHERE slug = ${slug}`;
  const row = rows[0];
  return row ? { ...row, description: row.kind === "TOPIC" ? (DESCRIPTIONS.get(row.slug) ?? null) : null } : null;
}

export type TagPage = {
  tag: TagSummary;
  sort: TagSort;
  papers: PaperSummary[];
  /** Papers with the tag, and this page of them (1-based; past the end gives the last page). */
  total: number;
  page: number;
  pageCount: number;
  /** Position of this page's first paper, minus one. */
  offset: number;
};

/** One page of the papers carrying a tag; null when there is no such tag. */
export async function papersByTag(
  slug: string,
  options: { sort?: TagSort; page?: number } = {},
): Promise<TagPage | null> {
  const tag = await tagBySlug(slug);
  if (!tag) return null;
  const sort: TagSort = options.sort && options.sort in TAG_ORDER ? options.sort : "new";
  const requested = options.page ?? 1;
  // paper_count is kept exact with every paper_tag change (apply-topics.ts, user-tags.ts): no count(*) per page view.
  const total = tag.paperCount;
  const pageCount = Math.max(1, Math.ceil(total / TAG_PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(Number.isFinite(requested) ? requested : 1)));
  const offset = (page - 1) * TAG_PAGE_SIZE;
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT p.id FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id JOIN paper p ON p.id = pt.paper_id
    WHERE t.slug = ${slug}
    ORDER BY ${TAG_ORDER[sort]}
    LIMIT ${TAG_PAGE_SIZE} OFFSET ${offset}`;
  return { tag, sort, papers: await paperSummaries(ids.map((row) => row.id)), total, page, pageCount, offset };
}

/**
 * Papers with the tag per month of first_seen, from the first month to the last with every month
 * in between (zeros included, so a chart's bars are evenly spaced in time). Empty for no papers.
 */
export async function papersPerMonth(slug: string): Promise<{ month: string; count: number }[]> {
  if (!isTagSlug(slug)) return [];
  return db().$queryRaw<{ month: string; count: number }[]>`
    WITH counts AS (
      SELECT date_trunc('month', p.first_seen)::date AS month, count(*)::int AS count
      FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id JOIN paper p ON p.id = pt.paper_id
      WHERE t.slug = ${slug}
      GROUP BY 1)
    SELECT to_char(m.month, 'YYYY-MM') AS month, coalesce(c.count, 0) AS count
    FROM (SELECT min(month) AS first, max(month) AS last FROM counts) r
    CROSS JOIN LATERAL generate_series(r.first, r.last, interval '1 month') AS m(month)
    LEFT JOIN counts c ON c.month = m.month::date
    WHERE r.first IS NOT NULL
    ORDER BY m.month`;
}

/** The tags a person applied, with how many papers they put each on: most used first. */
export async function tagsForUser(
  userId: string,
): Promise<{ slug: string; name: string; kind: TagSummary["kind"]; paperCount: number }[]> {
  return db().$queryRaw`
    SELECT t.slug, t.name, t.kind::text AS kind, count(*)::int AS "paperCount"
    FROM paper_user_tag u JOIN tag t ON t.id = u.tag_id
    WHERE u.user_id = ${userId}
    GROUP BY t.id
    ORDER BY count(*) DESC, t.slug`;
}

/** The tag's newest papers for its feed (FEED_SIZE of them, not a page of 20); null when there is no such tag. */
export async function newestPapersByTag(
  slug: string,
  limit: number,
): Promise<{ tag: TagSummary; papers: PaperSummary[] } | null> {
  const tag = await tagBySlug(slug);
  if (!tag) return null;
  const n = Math.max(0, Math.min(1000, Math.floor(Number.isFinite(limit) ? limit : 0)));
  const ids = await db().$queryRaw<{ id: number }[]>`
    SELECT p.id FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id JOIN paper p ON p.id = pt.paper_id
    WHERE t.slug = ${slug}
    ORDER BY ${TAG_ORDER.new}
    LIMIT ${n}`;
  return { tag, papers: await paperSummaries(ids.map((row) => row.id)) };
}
