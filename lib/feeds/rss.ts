// Renders an RSS 2.0 document from plain data: no I/O, every text escaped here and nowhere else.
import { escapeXml } from "./xml";

export type RssItem = {
  title: string;
  /** Absolute URL; also the item's guid (a permalink). */
  link: string;
  /** HTML, as RSS readers expect in <description>; it is XML-escaped when rendered. */
  descriptionHtml: string;
  pubDate?: Date;
};

export type RssChannel = {
  title: string;
  /** The human page this feed follows (absolute URL). */
  link: string;
  description: string;
  /** The feed's own absolute URL, for atom:link rel="self". */
  selfUrl: string;
  language?: string;
  /** Omitted when undefined: a feed of a fixed catalogue should render byte-identical twice. */
  lastBuildDate?: Date;
  /** Minutes a reader may cache the feed. */
  ttl?: number;
  items: RssItem[];
};

/** RFC 822 date as RSS 2.0 wants it (`Wed, 30 Apr 2025 00:00:00 GMT`, four-digit year); null for an invalid date. */
export function rfc822Date(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toUTCString();
}

function element(name: string, text: string, indent: string): string {
  return `${indent}<${name}>${escapeXml(text)}</${name}>\n`;
}

function renderItem(item: RssItem): string {
  const pad = "      ";
  const pubDate = item.pubDate ? rfc822Date(item.pubDate) : null;
  return (
    "    <item>\n" +
    element("title", item.title, pad) +
    element("link", item.link, pad) +
    `${pad}<guid isPermaLink="true">${escapeXml(item.link)}</guid>\n` +
    (pubDate ? element("pubDate", pubDate, pad) : "") +
    element("description", item.descriptionHtml, pad) +
    "    </item>\n"
  );
}

export function renderRss(channel: RssChannel): string {
  const pad = "    ";
  const lastBuild = channel.lastBuildDate ? rfc822Date(channel.lastBuildDate) : null;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n' +
    "  <channel>\n" +
    element("title", channel.title, pad) +
    element("link", channel.link, pad) +
    element("description", channel.description, pad) +
    `${pad}<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>\n` +
    (channel.language ? element("language", channel.language, pad) : "") +
    (lastBuild ? element("lastBuildDate", lastBuild, pad) : "") +
    (channel.ttl !== undefined ? element("ttl", String(channel.ttl), pad) : "") +
    element("generator", "PaperPulse", pad) +
    channel.items.map(renderItem).join("") +
    "  </channel>\n" +
    "</rss>\n"
  );
}
