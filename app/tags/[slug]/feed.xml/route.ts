// GET /tags/SLUG/feed.xml: RSS 2.0 of the tag's newest papers.
import { siteOrigin } from "@/lib/site-origin";
import { FEED_CACHE_CONTROL, FEED_SIZE, RSS_CONTENT_TYPE } from "@/lib/feeds/paper-feed";
import { renderRss } from "@/lib/feeds/rss";
import { newestPapersByTag } from "@/lib/tags/queries";
import { tagChannel } from "@/lib/tags/tag-feed";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const found = await newestPapersByTag(slug, FEED_SIZE);
  if (!found) {
    return new Response("no such tag\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const xml = renderRss(tagChannel(found.tag, found.papers, siteOrigin()));
  return new Response(xml, { headers: { "Content-Type": RSS_CONTENT_TYPE, "Cache-Control": FEED_CACHE_CONTROL } });
}
