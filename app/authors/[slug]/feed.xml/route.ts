// GET /authors/SLUG/feed.xml: RSS 2.0 of the author's newest papers.
import { authorChannel } from "@/lib/authors/author-feed";
import { newestPapersByAuthor } from "@/lib/authors/queries";
import { FEED_CACHE_CONTROL, FEED_SIZE, RSS_CONTENT_TYPE } from "@/lib/feeds/paper-feed";
import { renderRss } from "@/lib/feeds/rss";
import { siteOrigin } from "@/lib/site-origin";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const found = await newestPapersByAuthor(slug, FEED_SIZE);
  if (!found) {
    return new Response("no such author\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const xml = renderRss(authorChannel(found.author, found.papers, siteOrigin()));
  return new Response(xml, { headers: { "Content-Type": RSS_CONTENT_TYPE, "Cache-Control": FEED_CACHE_CONTROL } });
}
