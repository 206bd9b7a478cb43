// Crawlers that need a page's metadata in <head> before the body streams (link previews, some search
// engines). next.config.ts hands this same pattern to Next as `htmlLimitedBots`, so Next renders these
// clients differently exactly when the page cache keeps a separate copy for them.
export const HTML_LIMITED_CRAWLERS =
  /[\w-]+-Google|Google-[\w-]+|Chrome-Lighthouse|Slurp|DuckDuckBot|baiduspider|yandex|sogou|bitlybot|tumblr|vkShare|quora link preview|redditbot|ia_archiver|Bingbot|BingPreview|applebot|facebookexternalhit|facebookcatalog|Twitterbot|LinkedInBot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|Yeti|googleweblight/i;

/** "html" for those crawlers, "" for everyone else (browsers and crawlers that run scripts). */
export function crawlerClass(userAgent: string | string[] | undefined): "html" | "" {
  const value = Array.isArray(userAgent) ? userAgent.join(" ") : (userAgent ?? "");
  return HTML_LIMITED_CRAWLERS.test(value) ? "html" : "";
}
