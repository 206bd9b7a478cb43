// The RSS channel of one author's newest papers, built from lib/feeds' item rendering. Pure.
import { paperFeedItem, FEED_TTL_MINUTES } from "../feeds/paper-feed";
import type { RssChannel } from "../feeds/rss";
import type { PaperSummary } from "../papers/types";
import { authorPath } from "./key";

/** `/authors/SLUG/feed.xml`: the author's newest papers; the channel links to the author's page. */
export function authorChannel(
  author: { slug: string; name: string },
  papers: PaperSummary[],
  siteUrl: string,
): RssChannel {
  const page = `${siteUrl}${authorPath(author.slug)}`;
  return {
    title: `PaperPulse: papers by ${author.name}`,
    link: page,
    description: `The newest papers listing ${author.name} as an author in the PaperPulse catalogue.`,
    selfUrl: `${page}/feed.xml`,
    language: "en",
    ttl: FEED_TTL_MINUTES,
    items: papers.map((paper) => paperFeedItem(paper, siteUrl)),
  };
}
