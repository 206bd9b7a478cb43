// GET /search/feed.xml?q=…&from=…&to=…&hasCode=…: RSS 2.0 of a search's first page.
import { searchParamsRecord } from "@/lib/api/query-params";
import { siteOrigin } from "@/lib/site-origin";
import { FEED_CACHE_CONTROL, FEED_SIZE, RSS_CONTENT_TYPE, searchChannel } from "@/lib/feeds/paper-feed";
import { renderRss } from "@/lib/feeds/rss";
import { searchPapers } from "@/lib/papers/search";
import { parseSearchParams } from "@/lib/papers/search-params";

export async function GET(request: Request): Promise<Response> {
  // Lenient like the search page (a feed URL copied from it keeps working; bad values are dropped), and
  // always the first FEED_SIZE results whatever page or pageSize says.
  const parsed = parseSearchParams(searchParamsRecord(new URL(request.url).searchParams));
  if (!parsed.ok) {
    return new Response(`${parsed.error}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const query = { ...parsed.query, page: 1, pageSize: FEED_SIZE };
  const result = await searchPapers(query);
  const xml = renderRss(searchChannel(result.papers, siteOrigin(), query));
  return new Response(xml, { headers: { "Content-Type": RSS_CONTENT_TYPE, "Cache-Control": FEED_CACHE_CONTROL } });
}
