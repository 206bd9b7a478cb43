import { describe, expect, it } from "vitest";
import {
  firstSeenDate,
  latestPapersChannel,
  paperDescriptionHtml,
  paperFeedItem,
  searchChannel,
  searchFeedQueryString,
} from "../../../lib/feeds/paper-feed";
import { renderRss } from "../../../lib/feeds/rss";
import type { PaperSummary } from "../../../lib/papers/types";
import { elementTexts, rssItems, xmlProblems } from "./well-formed-xml";

const site = "https://papers.example.org";

function paper(overrides: Partial<PaperSummary> = {}): PaperSummary {
  return {
    id: 1,
    slug: "uni-moe-scaling-unified-multimodal-llms-a1b2c3",
    title: "Uni-MoE: Scaling Unified Multimodal LLMs",
    abstract: "First paragraph.\n\nSecond paragraph with code at https://github.com/x/y.",
    firstSeen: "2025-04-30",
    links: [{ url: "https://github.com/x/y", kind: "CODE" }],
    ...overrides,
  };
}

describe("papers as feed items", () => {
  it("links each item to the paper's absolute page URL and dates it by firstSeen at midnight UTC", () => {
    expect(paperFeedItem(paper(), site)).toMatchObject({
      title: "Uni-MoE: Scaling Unified Multimodal LLMs",
      link: "https://papers.example.org/papers/uni-moe-scaling-unified-multimodal-llms-a1b2c3",
      pubDate: new Date("2025-04-30T00:00:00Z"),
    });
  });

  it("builds the description HTML from escaped parts: abstract paragraphs as text, links as anchors", () => {
    expect(paperDescriptionHtml(paper())).toBe(
      "<p>First paragraph.</p><p>Second paragraph with code at https://github.com/x/y.</p>" +
        '<ul><li>Code: <a href="https://github.com/x/y">https://github.com/x/y</a></li></ul>',
    );
    const hostile = paperDescriptionHtml(paper({ abstract: `<img src=x onerror=alert(1)> & "q"`, links: [] }));
    expect(hostile).toBe("<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;</p>");
  });

  it("leaves out links that are not http(s), whatever the data says", () => {
    const html = paperDescriptionHtml(paper({ links: [{ url: "javascript:alert(1)", kind: "OTHER" }] }));
    expect(html).not.toContain("javascript:");
  });

  it("double-escapes markup in an abstract in the rendered feed, so a reader shows it as text", () => {
    const xml = renderRss(latestPapersChannel([paper({ abstract: "<script>alert(1)</script>" })], site));
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;p&gt;&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&lt;/p&gt;");
  });

  it("reads firstSeen as a date, a timestamp, or gives no date for garbage", () => {
    expect(firstSeenDate("2025-04-30")).toEqual(new Date("2025-04-30T00:00:00Z"));
    expect(firstSeenDate("2025-04-30T12:00:00Z")).toEqual(new Date("2025-04-30T12:00:00Z"));
    expect(firstSeenDate("2025-13-45")).toBeUndefined();
    expect(firstSeenDate("")).toBeUndefined();
  });
});

describe("the channels", () => {
  it("the latest-papers feed points at the home page and at /feed.xml", () => {
    const channel = latestPapersChannel([paper()], site);
    expect(channel).toMatchObject({
      link: "https://papers.example.org/",
      selfUrl: "https://papers.example.org/feed.xml",
    });
    expect(rssItems(renderRss(channel))).toHaveLength(1);
  });

  it("a search feed names the query and filters and links to the same search page and feed", () => {
    const channel = searchChannel([paper()], site, { q: "video", from: "2025-04-01", hasCode: true });
    expect(channel.title).toBe("PaperPulse: “video” (with code, first seen from 2025-04-01)");
    expect(channel.link).toBe("https://papers.example.org/search?q=video&hasCode=1&from=2025-04-01");
    expect(channel.selfUrl).toBe("https://papers.example.org/search/feed.xml?q=video&hasCode=1&from=2025-04-01");
    const xml = renderRss(channel);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain(
      'href="https://papers.example.org/search/feed.xml?q=video&amp;hasCode=1&amp;from=2025-04-01"',
    );
  });

  it("a search feed's links carry only the parsed filters, URL-encoded", () => {
    expect(searchFeedQueryString({ q: " a&b=c ", to: "2025-05-01", hasCode: false })).toBe("q=a%26b%3Dc&to=2025-05-01");
    expect(searchFeedQueryString({ q: "", hasCode: false })).toBe("");
  });

  it("a search feed with no query is the latest papers under the filters; a huge query is cut in the title only", () => {
    expect(searchChannel([], site, { q: "", hasCode: false }).title).toBe("PaperPulse: latest papers");
    const long = "x".repeat(500);
    const channel = searchChannel([], site, { q: long, hasCode: false });
    expect(channel.title.length).toBeLessThan(200);
    expect(channel.selfUrl.endsWith(`?q=${long}`)).toBe(true);
  });

  it("a search feed's title with markup in the query is escaped when rendered", () => {
    const xml = renderRss(searchChannel([], site, { q: "<script>alert(1)</script>", hasCode: false }));
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toContain("<script>");
    expect(elementTexts(xml, "title")[0]).toBe("PaperPulse: “<script>alert(1)</script>”");
  });
});
