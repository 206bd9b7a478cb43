// The RSS channel of one tag's newest papers, built from lib/feeds' item rendering. Pure.
import { paperFeedItem, FEED_TTL_MINUTES } from "../feeds/paper-feed";
import type { RssChannel } from "../feeds/rss";
import type { PaperSummary } from "../papers/types";
import type { TagSummary } from "./types";

function tagPageUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/tags/${encodeURIComponent(slug)}`;
}

/** `/tags/SLUG/feed.xml`: the tag's newest papers; the channel links to the tag's page. */
export function tagChannel(
  tag: Pick<TagSummary, "slug" | "name" | "description">,
  papers: PaperSummary[],
  siteUrl: string,
): RssChannel {
  const page = tagPageUrl(siteUrl, tag.slug);
  return {
    title: `PaperPulse: ${tag.name}`,
    link: page,
    description: tag.description ?? `The newest papers tagged “${tag.name}” in the PaperPulse catalogue.`,
    selfUrl: `${page}/feed.xml`,
    language: "en",
    ttl: FEED_TTL_MINUTES,
    items: papers.map((paper) => paperFeedItem(paper, siteUrl)),
  };
}
