import { describe, expect, it } from "vitest";
import { renderRss, rfc822Date, type RssChannel } from "../../../lib/feeds/rss";
import { elementTexts, rssItems, xmlProblems } from "./well-formed-xml";

const hostileTitle = `<script>alert(1)</script> & "quotes"`;

function channel(overrides: Partial<RssChannel> = {}): RssChannel {
  return {
    title: "PaperPulse: latest papers",
    link: "https://papers.example.org/",
    description: "The newest papers.",
    selfUrl: "https://papers.example.org/feed.xml",
    language: "en",
    ttl: 30,
    items: [
      {
        title: hostileTitle,
        link: "https://papers.example.org/papers/script-alert-1-quotes-abc123",
        descriptionHtml: "<p>An &lt;b&gt; abstract</p>",
        pubDate: new Date("2025-05-01T00:00:00Z"),
      },
      { title: "Second", link: "https://papers.example.org/papers/second-def456", descriptionHtml: "" },
    ],
    ...overrides,
  };
}

describe("rendering an RSS 2.0 channel", () => {
  it("produces a well-formed RSS 2.0 document with the channel's title, link, description and atom:self link", () => {
    const xml = renderRss(channel());
    expect(xmlProblems(xml)).toEqual([]);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
      ),
    ).toBe(true);
    expect(elementTexts(xml, "title")[0]).toBe("PaperPulse: latest papers");
    expect(elementTexts(xml, "link")[0]).toBe("https://papers.example.org/");
    expect(elementTexts(xml, "description")[0]).toBe("The newest papers.");
    expect(xml).toContain(
      '<atom:link href="https://papers.example.org/feed.xml" rel="self" type="application/rss+xml"/>',
    );
    expect(elementTexts(xml, "language")).toEqual(["en"]);
    expect(elementTexts(xml, "ttl")).toEqual(["30"]);
  });

  it("escapes an item title with markup, ampersands and quotes: a reader gets the text back, never a <script> tag", () => {
    const xml = renderRss(channel());
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</title>");
    expect(elementTexts(xml, "title")[1]).toBe(hostileTitle);
  });

  it("XML-escapes the description HTML once, so readers decode it back to the HTML given", () => {
    const xml = renderRss(channel());
    expect(elementTexts(xml, "description")[1]).toBe("<p>An &lt;b&gt; abstract</p>");
  });

  it("gives each item its link as a permalink guid and an RFC 822 pubDate; an item without a date has no pubDate", () => {
    const [first, second] = rssItems(renderRss(channel()));
    expect(first).toContain(
      '<guid isPermaLink="true">https://papers.example.org/papers/script-alert-1-quotes-abc123</guid>',
    );
    expect(elementTexts(first!, "pubDate")).toEqual(["Thu, 01 May 2025 00:00:00 GMT"]);
    expect(elementTexts(second!, "pubDate")).toEqual([]);
  });

  it("escapes the self link's query string in the attribute", () => {
    const xml = renderRss(channel({ selfUrl: `https://papers.example.org/search/feed.xml?q=a"b&hasCode=1` }));
    expect(xml).toContain('href="https://papers.example.org/search/feed.xml?q=a&quot;b&amp;hasCode=1"');
    expect(xmlProblems(xml)).toEqual([]);
  });

  it("strips characters illegal in XML from every text, keeping the document parseable", () => {
    const xml = renderRss(
      channel({
        title: "bad\u0001title\uFFFF",
        items: [{ title: "x\u0000\u001By", link: "https://e.org/p", descriptionHtml: "\u0008" }],
      }),
    );
    expect(xmlProblems(xml)).toEqual([]);
    expect(elementTexts(xml, "title")).toEqual(["badtitle", "xy"]);
  });

  it("renders an empty channel (no papers yet) as a valid feed with no items", () => {
    const xml = renderRss(channel({ items: [] }));
    expect(xmlProblems(xml)).toEqual([]);
    expect(rssItems(xml)).toEqual([]);
  });

  it("renders the same bytes twice for the same data (no clock inside)", () => {
    expect(renderRss(channel())).toBe(renderRss(channel()));
  });
});

describe("RFC 822 dates", () => {
  it("formats in GMT with a four-digit year, and refuses an invalid date", () => {
    expect(rfc822Date(new Date("2025-04-30T00:00:00Z"))).toBe("Wed, 30 Apr 2025 00:00:00 GMT");
    expect(rfc822Date(new Date("not a date"))).toBeNull();
  });
});
