// One paper by its slug, and the summary rows every paper list shows (title, abstract, links).
import "server-only";
import { db } from "../db/prisma";
import { Prisma } from "../db/generated/client";
import { isPlausibleSlug } from "./paper-id";
import type { AuthorLink, CardTag, PaperDetail, PaperLinkView, PaperSummary } from "./types";

type SummaryRow = {
  id: number;
  slug: string;
  title: string;
  abstract: string;
  firstSeen: string;
  links: PaperLinkView[];
  tags?: CardTag[];
  authorLinks?: AuthorLink[];
  authorCount?: number;
};

/** Tags a card shows: a card is a glance, the paper page has them all. */
const CARD_TAGS = 3;
/** Authors a paper page links (a consortium paper can list thousands; the rest are named without links). */
const MAX_PAGE_AUTHORS = 500;
/** Authors a card names before "et al.". */
const CARD_AUTHORS = 3;

/** The first `limit` of p.authors as { name, slug }: the slug is author_key()'s (lib/authors/key.ts), spaces as '-'. */
const authorLinksSql = (limit: number) => Prisma.sql`
  coalesce((SELECT json_agg(json_build_object('name', a.name, 'slug', nullif(replace(author_key(a.name), ' ', '-'), '')) ORDER BY a.n)
            FROM unnest(p.authors) WITH ORDINALITY AS a(name, n) WHERE a.n <= ${limit}), '[]'::json) AS "authorLinks",
  cardinality(p.authors) AS "authorCount"`;

/** The summaries of these papers, in the order given; ids that do not exist are left out. */
export async function paperSummaries(ids: readonly number[]): Promise<PaperSummary[]> {
  if (ids.length === 0) return [];
  return db().$queryRaw<SummaryRow[]>`
    SELECT p.id, p.slug, p.title, p.abstract, to_char(p.first_seen, 'YYYY-MM-DD') AS "firstSeen",
           coalesce((SELECT json_agg(json_build_object('url', l.url, 'kind', l.kind) ORDER BY l.position)
                     FROM paper_link l WHERE l.paper_id = p.id), '[]'::json) AS links,
           coalesce((SELECT json_agg(json_build_object('slug', t.slug, 'name', t.name, 'automatic', c.automatic, 'userCount', c.user_count)
                                     ORDER BY c.automatic DESC, c.user_count DESC, t.slug)
                     FROM (SELECT pt.tag_id, pt.automatic, pt.user_count FROM paper_tag pt WHERE pt.paper_id = p.id
                           ORDER BY pt.automatic DESC, pt.user_count DESC LIMIT ${CARD_TAGS}) c
                     JOIN tag t ON t.id = c.tag_id), '[]'::json) AS tags,
           ${authorLinksSql(CARD_AUTHORS)}
    FROM unnest(${[...ids]}::int[]) WITH ORDINALITY AS u(id, ord)
    JOIN paper p ON p.id = u.id
    ORDER BY u.ord`;
}

export async function paperBySlug(slug: string): Promise<PaperDetail | null> {
  if (!isPlausibleSlug(slug)) return null;
  const rows = await db().$queryRaw<
    (SummaryRow & {
      arxivId: string | null;
      authors: string[];
      upstreamUpvotes: number;
      updatedAt: string;
      digests: string[];
    })[]
  >`
    SELECT p.id, p.slug, p.title, p.abstract, to_char(p.first_seen, 'YYYY-MM-DD') AS "firstSeen",
           p.arxiv_id AS "arxivId", coalesce(p.authors, '{}') AS authors, p.upstream_upvotes AS "upstreamUpvotes", to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "updatedAt",
           coalesce((SELECT json_agg(json_build_object('url', l.url, 'kind', l.kind) ORDER BY l.position)
                     FROM paper_link l WHERE l.paper_id = p.id), '[]'::json) AS links,
           array(SELECT to_char(d.date, 'YYYY-MM-DD') FROM digest_entry e JOIN digest d ON d.id = e.digest_id
                 WHERE e.paper_id = p.id ORDER BY d.date DESC) AS digests,
           ${authorLinksSql(MAX_PAGE_AUTHORS)}
    FROM paper p
    WHERE p.slug = ${slug}`;
  return rows[0] ?? null;
}
