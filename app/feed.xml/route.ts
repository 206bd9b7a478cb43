// GET /feed.xml: RSS 2.0 of the newest papers.
import { siteOrigin } from "@/lib/site-origin";
import { FEED_CACHE_CONTROL, FEED_SIZE, latestPapersChannel, RSS_CONTENT_TYPE } from "@/lib/feeds/paper-feed";
import { renderRss } from "@/lib/feeds/rss";
import { latestPapers } from "@/lib/papers/latest";

// The catalogue changes at import time: never prerender this at build.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const papers = await latestPapers(FEED_SIZE);
  const xml = renderRss(latestPapersChannel(papers, siteOrigin()));
  return new Response(xml, { headers: { "Content-Type": RSS_CONTENT_TYPE, "Cache-Control": FEED_CACHE_CONTROL } });
}
