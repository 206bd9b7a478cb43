// /feed.xml and /search/feed.xml through their route handlers, against a real catalogue.
import { describe, expect, it } from "vitest";
import * as latestRoute from "../../app/feed.xml/route";
import * as searchRoute from "../../app/search/feed.xml/route";
import { elementTexts, rssItems, xmlProblems } from "../unit/feeds/well-formed-xml";
import { EMOJI_TITLE, SCRIPT_TITLE, slugOf, setUpApiCatalogue } from "./helpers/api-catalogue";

const db = setUpApiCatalogue();

async function feed(handler: (request: Request) => Promise<Response>, url: string) {
  const response = await handler(new Request(url));
  const xml = await response.text();
  return { response, xml };
}

function expectRss(response: Response, xml: string) {
  expect(response.status, xml).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
  expect(response.headers.get("cache-control")).toBe("public, max-age=300");
  expect(xmlProblems(xml)).toEqual([]);
  expect(xml).not.toMatch(/<script/i);
}

describe("GET /feed.xml", () => {
  it("exports only GET", () => {
    expect(Object.keys(latestRoute).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["GET"]);
    expect(Object.keys(searchRoute).filter((name) => /^[A-Z]+$/.test(name))).toEqual(["GET"]);
  });

  it("is well-formed RSS 2.0 of the 50 newest papers, newest first, with channel and self links", async () => {
    const { response, xml } = await feed(latestRoute.GET, "http://localhost/feed.xml");
    expectRss(response, xml);
    expect(xml).toContain('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">');
    expect(xml).toContain('<atom:link href="http://localhost/feed.xml" rel="self" type="application/rss+xml"/>');
    expect(elementTexts(xml, "link")[0]).toBe("http://localhost/");
    const items = rssItems(xml);
    expect(items).toHaveLength(50);
    expect(new Set(items.slice(0, 2).map((item) => elementTexts(item, "title")[0]))).toEqual(
      new Set([SCRIPT_TITLE, EMOJI_TITLE]),
    );
    expect(elementTexts(items[0]!, "pubDate")).toEqual(["Thu, 01 May 2025 00:00:00 GMT"]);
    expect(elementTexts(items[49]!, "pubDate")).toEqual(["Wed, 30 Apr 2025 00:00:00 GMT"]);
  });

  it("escapes a title with <script>, & and quotes, and links its item to the paper's page as a permalink guid", async () => {
    const { xml } = await feed(latestRoute.GET, "http://localhost/feed.xml");
    const slug = await slugOf(db, SCRIPT_TITLE);
    expect(xml).toContain("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</title>");
    const item = rssItems(xml).find((block) => elementTexts(block, "title")[0] === SCRIPT_TITLE)!;
    expect(elementTexts(item, "link")).toEqual([`http://localhost/papers/${slug}`]);
    expect(item).toContain(`<guid isPermaLink="true">http://localhost/papers/${slug}</guid>`);
    // The abstract's own markup reaches the reader as text inside the description's HTML.
    const [description] = elementTexts(item, "description");
    expect(description).toContain("<p>We study &lt;b&gt;markup&lt;/b&gt; &amp; ampersands");
    expect(description).toContain('<a href="https://github.com/example/script-paper">');
  });

  it("strips control characters stored in an abstract instead of breaking the feed", async () => {
    const { xml } = await feed(latestRoute.GET, "http://localhost/feed.xml");
    expect(xml).toContain(" bell escape");
    // eslint-disable-next-line no-control-regex -- the two control characters the fixture abstract holds
    expect(xml).not.toMatch(/[\u0007\u001b]/);
  });

  it("keeps emoji intact", async () => {
    const { xml } = await feed(latestRoute.GET, "http://localhost/feed.xml");
    expect(elementTexts(xml, "title")).toContain(EMOJI_TITLE);
  });

  it("uses SITE_URL for every absolute link when it is set", async () => {
    process.env.SITE_URL = "https://papers.example.org";
    try {
      const { xml } = await feed(latestRoute.GET, "http://localhost/feed.xml");
      expect(xml).toContain('<atom:link href="https://papers.example.org/feed.xml"');
      expect(xml).not.toContain("http://localhost");
    } finally {
      process.env.SITE_URL = "http://localhost";
    }
  });
});

describe("GET /search/feed.xml", () => {
  it("is the first page of the search, linking back to the same search page", async () => {
    const { response, xml } = await feed(
      searchRoute.GET,
      "http://localhost/search/feed.xml?q=video+benchmark&hasCode=true&page=3",
    );
    expectRss(response, xml);
    expect(elementTexts(xml, "title")[0]).toBe("PaperPulse: “video benchmark” (with code)");
    expect(elementTexts(xml, "link")[0]).toBe("http://localhost/search?q=video+benchmark&hasCode=1");
    expect(xml).toContain(
      '<atom:link href="http://localhost/search/feed.xml?q=video+benchmark&amp;hasCode=1" rel="self"',
    );
    const items = rssItems(xml);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(50);
  });

  it("finds the paper with markup in its title and escapes it", async () => {
    const { response, xml } = await feed(searchRoute.GET, "http://localhost/search/feed.xml?q=alert+quotes");
    expectRss(response, xml);
    expect(rssItems(xml).map((item) => elementTexts(item, "title")[0])).toContain(SCRIPT_TITLE);
  });

  it("with no query is the newest papers under the filters", async () => {
    const { response, xml } = await feed(searchRoute.GET, "http://localhost/search/feed.xml?from=2025-05-01");
    expectRss(response, xml);
    expect(rssItems(xml)).toHaveLength(2);
    expect(elementTexts(xml, "title")[0]).toBe("PaperPulse: latest papers (first seen from 2025-05-01)");
  });

  it.each([
    ["a 10,000-character query", `q=${"x".repeat(10_000)}`],
    ["punctuation only", `q=${encodeURIComponent("!@#$%^&*()<>\"'")}`],
    ["SQL-looking text", `q=${encodeURIComponent("'; DROP TABLE paper; --")}`],
    ["markup", `q=${encodeURIComponent("<script>alert(1)</script>")}`],
    ["emoji", `q=${encodeURIComponent("🎥")}`],
    ["control characters and bytes that are not UTF-8", "q=%00%01%ED%A0%80%FF"],
    ["bad dates and pages", "q=video&from=2025-13-45&to=banana&page=-3&pageSize=100000&hasCode=maybe"],
  ])("answers %s with a well-formed feed, never a 500", async (_name, query) => {
    const { response, xml } = await feed(searchRoute.GET, `http://localhost/search/feed.xml?${query}`);
    expectRss(response, xml);
  });
});
