// The site's two feeds as plain data: papers become RSS items linking to their pages, and each feed gets
// its channel. Pure, so the escaping and the links are unit-tested without a database.
import { paperUrl } from "../site-origin";
import type { PaperLinkView, PaperSummary } from "../papers/types";
import type { RssChannel, RssItem } from "./rss";
import { escapeXml } from "./xml";

/** Papers per feed: a reader polling daily sees every paper of a typical digest. */
export const FEED_SIZE = 50;
/** Readers may poll every half hour; imports happen daily. */
export const FEED_TTL_MINUTES = 30;
export const FEED_CACHE_CONTROL = "public, max-age=300";
export const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";

const LINK_LABELS: Record<PaperLinkView["kind"], string> = {
  CODE: "Code",
  PROJECT: "Project page",
  DATASET: "Dataset",
  OTHER: "Link",
};
/** Search terms shown in a channel title; the full query stays in the links. */
const MAX_TITLE_QUERY = 120;

/**
 * `firstSeen` is a calendar date (`2025-04-30`), published as midnight UTC; a full timestamp is used as is.
 * Anything unparsable yields no pubDate rather than `Invalid Date` in the feed.
 */
export function firstSeenDate(firstSeen: string): Date | undefined {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(firstSeen) ? new Date(`${firstSeen}T00:00:00Z`) : new Date(firstSeen);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The item body as HTML built from escaped parts (the abstract is text, never markup): readers decode the
 * XML once and render HTML, so `<script>` in an abstract must reach them as `&lt;script&gt;`.
 */
export function paperDescriptionHtml(paper: Pick<PaperSummary, "abstract" | "links">): string {
  const paragraphs = paper.abstract
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeXml(paragraph)}</p>`);
  const links = paper.links
    .filter((link) => /^https?:\/\//i.test(link.url))
    .map((link) => `<li>${LINK_LABELS[link.kind]}: <a href="${escapeXml(link.url)}">${escapeXml(link.url)}</a></li>`);
  return paragraphs.join("") + (links.length ? `<ul>${links.join("")}</ul>` : "");
}

export function paperFeedItem(paper: PaperSummary, siteUrl: string): RssItem {
  return {
    title: paper.title,
    link: paperUrl(siteUrl, paper.slug),
    descriptionHtml: paperDescriptionHtml(paper),
    pubDate: firstSeenDate(paper.firstSeen),
  };
}

/** `/feed.xml`: the newest papers. */
export function latestPapersChannel(papers: PaperSummary[], siteUrl: string): RssChannel {
  return {
    title: "PaperPulse: latest papers",
    link: `${siteUrl}/`,
    description: "The newest papers in the PaperPulse catalogue, as they appear in the daily digests.",
    selfUrl: `${siteUrl}/feed.xml`,
    language: "en",
    ttl: FEED_TTL_MINUTES,
    items: papers.map((paper) => paperFeedItem(paper, siteUrl)),
  };
}

export type SearchFeedFilters = { q: string; from?: string; to?: string; hasCode: boolean };

function describeFilters(filters: SearchFeedFilters): string {
  const parts: string[] = [];
  if (filters.hasCode) parts.push("with code");
  if (filters.from && filters.to) parts.push(`first seen ${filters.from} to ${filters.to}`);
  else if (filters.from) parts.push(`first seen from ${filters.from}`);
  else if (filters.to) parts.push(`first seen until ${filters.to}`);
  return parts.join(", ");
}

/**
 * The search's parameters as the feed and the search page read them (`q=video&hasCode=1`, no page), built
 * from the parsed filters: a hand-edited value the parser dropped does not reappear in the links.
 */
export function searchFeedQueryString(filters: SearchFeedFilters): string {
  const params = new URLSearchParams();
  // The search page's order, so the self link is byte-identical to the page's feed link.
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.hasCode) params.set("hasCode", "1");
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  return params.toString();
}

/** `/search/feed.xml?…`: the first page of a search; the channel links to the same search's page. */
export function searchChannel(papers: PaperSummary[], siteUrl: string, filters: SearchFeedFilters): RssChannel {
  const q = filters.q.trim();
  const queryString = searchFeedQueryString(filters);
  const shownQuery = q.length > MAX_TITLE_QUERY ? `${q.slice(0, MAX_TITLE_QUERY)}…` : q;
  const filterText = describeFilters(filters);
  const subject = q ? `“${shownQuery}”` : "latest papers";
  const suffix = queryString ? `?${queryString}` : "";
  return {
    title: `PaperPulse: ${subject}${filterText ? ` (${filterText})` : ""}`,
    link: `${siteUrl}/search${suffix}`,
    description: q
      ? `Papers in the PaperPulse catalogue matching ${subject}${filterText ? `, ${filterText}` : ""}, best matches first.`
      : `The newest papers in the PaperPulse catalogue${filterText ? `, ${filterText}` : ""}.`,
    selfUrl: `${siteUrl}/search/feed.xml${suffix}`,
    language: "en",
    ttl: FEED_TTL_MINUTES,
    items: papers.map((paper) => paperFeedItem(paper, siteUrl)),
  };
}
