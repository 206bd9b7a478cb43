// Reading authors: one author by slug (name, paper count, topics), a page of their papers, their newest for the feed.
import "server-only";
import { db } from "../db/prisma";
import { NEWEST_FIRST } from "../papers/newest-order";
import { paperSummaries } from "../papers/paper";
import type { PaperSummary } from "../papers/types";
import { isAuthorSlug } from "./key";

/** Papers per author page. */
const AUTHOR_PAGE_SIZE = 20;
/** Topics listed on an author page, most papers first. */
const AUTHOR_TOPICS = 8;

type AuthorTopic = { slug: string; name: string; papers: number };
export type AuthorSummary = {
  /** author_key(): what follows and the digest store. */
  key: string;
  /** The key with '-' for spaces: the page's URL segment. */
  slug: string;
  /** The spelling most of their papers use (the newest breaks ties). */
  name: string;
  paperCount: number;
};

export type AuthorPage = {
  author: AuthorSummary;
  topics: AuthorTopic[];
  papers: PaperSummary[];
  page: number;
  pageCount: number;
  offset: number;
};

/** The author a slug (or any spelling of the name) names; null when no paper lists them. */
export async function authorBySlug(slugOrName: string): Promise<AuthorSummary | null> {
  if (!isAuthorSlug(slugOrName)) return null;
  const rows = await db().$queryRaw<{ key: string; name: string | null; paperCount: number }[]>`
    WITH k AS (SELECT author_key(${slugOrName}) AS key),
         mine AS (SELECT p.id, p.first_seen, p.authors FROM paper p, k WHERE k.key <> '' AND p.author_keys @> ARRAY[k.key])
    SELECT k.key, (SELECT count(*)::int FROM mine) AS "paperCount",
           (SELECT a.name FROM mine m, unnest(m.authors) AS a(name)
            WHERE author_key(a.name) = k.key GROUP BY a.name ORDER BY count(*) DESC, max(m.first_seen) DESC, a.name LIMIT 1) AS name
    FROM k`;
  const row = rows[0];
  if (!row || row.paperCount === 0 || row.name === null) return null;
  return { key: row.key, slug: row.key.replace(/ /g, "-"), name: row.name, paperCount: row.paperCount };
}

/** One page of an author's papers, newest first (a page past the end is the last page); null for no such author. */
export async function authorPage(slug: string, requestedPage: number): Promise<AuthorPage | null> {
  const author = await authorBySlug(slug);
  if (!author) return null;
  const pageCount = Math.max(1, Math.ceil(author.paperCount / AUTHOR_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  const offset = (page - 1) * AUTHOR_PAGE_SIZE;
  const [ids, topics] = await Promise.all([
    authorPaperIds(author.key, AUTHOR_PAGE_SIZE, offset),
    authorTopics(author.key),
  ]);
  return { author, topics, papers: await paperSummaries(ids), page, pageCount, offset };
}

/** The author's newest papers (the feed); null for no such author. */
export async function newestPapersByAuthor(
  slug: string,
  limit: number,
): Promise<{ author: AuthorSummary; papers: PaperSummary[] } | null> {
  const author = await authorBySlug(slug);
  if (!author) return null;
  return { author, papers: await paperSummaries(await authorPaperIds(author.key, limit, 0)) };
}

/**
 * Newest first as every list of the site orders it (a day's papers in its digest's order), through
 * paper_author_keys_idx: an author's papers are few, so sorting them all is cheap.
 */
export async function authorPaperIds(key: string, limit: number, offset: number): Promise<number[]> {
  const rows = await db().$queryRaw<{ id: number }[]>`
    SELECT p.id FROM paper p WHERE p.author_keys @> ARRAY[${key}::text]
    ORDER BY ${NEWEST_FIRST} LIMIT ${limit} OFFSET ${offset}`;
  return rows.map((row) => row.id);
}

/** The automatic topics the author publishes in, most papers first. */
async function authorTopics(key: string): Promise<AuthorTopic[]> {
  return db().$queryRaw<AuthorTopic[]>`
    SELECT t.slug, t.name, count(*)::int AS papers
    FROM paper p JOIN paper_tag pt ON pt.paper_id = p.id AND pt.automatic JOIN tag t ON t.id = pt.tag_id
    WHERE p.author_keys @> ARRAY[${key}::text]
    GROUP BY t.slug, t.name ORDER BY papers DESC, t.name LIMIT ${AUTHOR_TOPICS}`;
}
