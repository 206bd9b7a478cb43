import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { horizontalOverflow } from "./support/pages";

/** The seeded sample digest's day, as search filters: later browser tests import other days. */
const SAMPLE_DAY = "from=2025-04-30&to=2025-04-30";
const VIDEO_MME = "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis";

let browser: Browser;
let page: Page;
const baseUrl = () => inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
});

async function searchFromHeader(target: Page, words: string): Promise<void> {
  await target.goto(baseUrl());
  await target.getByRole("banner").getByRole("searchbox", { name: "Search papers" }).fill(words);
  await target.getByRole("banner").getByRole("button", { name: "Search" }).click();
  await target.waitForURL(/\/search\?q=/);
}

describe("search", () => {
  it("finds Video-MME for 'video benchmark' with the matched words highlighted, and opens its page", async () => {
    await searchFromHeader(page, "video benchmark");
    expect(new URL(page.url()).searchParams.get("q")).toBe("video benchmark");
    await expect(page.locator("h1").textContent()).resolves.toContain("video benchmark");
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(/\d+ papers? found/);

    const card = page.locator("article[data-paper-card]").filter({ hasText: VIDEO_MME });
    await expect(card.count()).resolves.toBe(1);
    const marks = (await card.locator("h2 mark").allTextContents()).map((text) => text.toLowerCase());
    expect(marks).toContain("video");
    expect(marks).toContain("benchmark");
    // The page's own search form keeps the query.
    await expect(page.locator("#search-q").inputValue()).resolves.toBe("video benchmark");
    // The feed of this search is linked, visibly and for feed readers.
    await expect(
      page.locator('link[rel="alternate"][type="application/rss+xml"]').first().getAttribute("href"),
    ).resolves.toMatch(/\/search\/feed\.xml\?q=video\+benchmark$/);
    await expect(page.getByRole("link", { name: "RSS feed of this search" }).getAttribute("href")).resolves.toBe(
      "/search/feed.xml?q=video+benchmark",
    );
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath("search") });

    await card.getByRole("link", { name: VIDEO_MME }).click();
    await page.waitForURL(/\/papers\//);
    await page.locator("h1", { hasText: VIDEO_MME }).waitFor();
    const project = page.getByRole("list", { name: "Paper links" }).getByRole("link", { name: /^Project page/ });
    await expect(project.getAttribute("href")).resolves.toBe("https://video-mme.github.io");
  });

  it("keeps filters in the URL: has code and a date range", async () => {
    // The seeded sample's day only (other browser tests import later digests): 19 papers match "video" (its
    // own word and the thesaurus's film / clip terms, issue 13), 8 of them link to code.
    await page.goto(`${baseUrl()}/search?q=video&${SAMPLE_DAY}`);
    await expect(page.locator("article[data-paper-card]").count()).resolves.toBe(19);
    await page.getByRole("checkbox", { name: "Has code" }).check();
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/hasCode=1/);
    expect(new URL(page.url()).searchParams.get("from")).toBe("2025-04-30");
    await expect(page.getByRole("checkbox", { name: "Has code" }).isChecked()).resolves.toBe(true);
    const cards = page.locator("article[data-paper-card]");
    const withCode = await cards.count();
    expect(withCode).toBe(8);
    for (let index = 0; index < withCode; index++) {
      await expect(cards.nth(index).getByRole("link", { name: "Code", exact: true }).count()).resolves.toBeGreaterThan(
        0,
      );
    }

    await page.goto(`${baseUrl()}/search?q=video&from=2031-01-01`);
    await expect(page.locator("#search-from").inputValue()).resolves.toBe("2031-01-01");
    await expect(page.locator("article[data-paper-card]").count()).resolves.toBe(0);
    await expect(
      page.getByRole("link", { name: "Search again without the filters" }).getAttribute("href"),
    ).resolves.toBe("/search?q=video");
  });

  it("pages through many results with 'page X of Y'", async () => {
    // All 94 papers of the seeded sample match "model": five pages of 20.
    await page.goto(`${baseUrl()}/search?q=model&${SAMPLE_DAY}`);
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(/94 papers found/);
    const pagination = page.getByRole("navigation", { name: "Pagination" });
    await expect(pagination.textContent()).resolves.toMatch(/Page 1 of 5/);
    const firstPage = await page.locator("article[data-paper-card] h2").allTextContents();
    expect(firstPage).toHaveLength(20);
    await pagination.getByRole("link", { name: /Next/ }).click();
    await page.waitForURL(/page=2/);
    await page.getByRole("navigation", { name: "Pagination" }).getByText("Page 2 of 5").waitFor();
    const secondPage = await page.locator("article[data-paper-card] h2").allTextContents();
    expect(secondPage).toHaveLength(20);
    expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
  });

  it("shows search tips and the latest papers for an empty query", async () => {
    const response = await page.goto(`${baseUrl()}/search`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe("Search papers");
    const tips = page.getByRole("region", { name: "Search tips" });
    await expect(tips.textContent()).resolves.toMatch(/OR/);
    await expect(tips.textContent()).resolves.toContain('"visual grounding"');
    await expect(tips.textContent()).resolves.toContain("-survey");
    await expect(page.getByRole("heading", { name: /Latest papers/ }).count()).resolves.toBe(1);
    await expect(page.locator("article[data-paper-card]").count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath("search-empty") });
  });

  it("explains a search with no results and suggests what to try", async () => {
    const response = await page.goto(`${baseUrl()}/search?q=${encodeURIComponent("zzqxv qqwwpp")}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("article[data-paper-card]").count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { name: /No papers match/ }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "latest digest" }).getAttribute("href")).resolves.toBe("/");
    await page.screenshot({ path: screenshotPath("search-no-results") });
  });

  it("renders hostile queries as text", async () => {
    await page.goto(`${baseUrl()}/search?q=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}`);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator("h1 img").count()).resolves.toBe(0);
  });

  it("fits a phone screen", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const phone = await context.newPage();
    await phone.goto(`${baseUrl()}/search?q=video+benchmark`);
    await expect(horizontalOverflow(phone)).resolves.toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe("paper page", () => {
  async function openPaper(target: Page, title: string): Promise<string> {
    await target.goto(baseUrl());
    await target.getByRole("link", { name: title, exact: true }).click();
    await target.waitForURL(/\/papers\//);
    await target.locator("h1", { hasText: title }).waitFor();
    return new URL(target.url()).pathname;
  }

  it("shows the full abstract, code first, the digests it appeared in, similar papers and a BibTeX box", async () => {
    const title = "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts";
    const path = await openPaper(page, title);
    await expect(page.locator("h1").textContent()).resolves.toBe(title);
    const abstract = page.getByRole("region", { name: "Abstract" });
    await expect(abstract.textContent()).resolves.toMatch(
      /code is available at https:\/\/github\.com\/HITsz-TMG\/UMOE-Scaling-Unified-Multimodal-LLMs\.$/,
    );
    // The URL in the abstract is a link, without the sentence's full stop.
    await expect(abstract.getByRole("link").last().getAttribute("href")).resolves.toBe(
      "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs",
    );
    const firstLink = page.getByRole("list", { name: "Paper links" }).getByRole("link").first();
    await expect(firstLink.textContent()).resolves.toMatch(/^Code/);
    await expect(firstLink.getAttribute("href")).resolves.toBe(
      "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs",
    );

    const digests = page.getByRole("region", { name: "Appeared in" }).getByRole("link");
    await expect(digests.count()).resolves.toBe(1);
    await expect(digests.first().getAttribute("href")).resolves.toBe("/digests/2025-04-30");

    const similar = page.getByRole("region", { name: "Similar papers" }).locator("article[data-paper-card]");
    await expect(similar.count()).resolves.toBe(5);
    await expect(similar.locator("h3").allTextContents()).resolves.not.toContain(title);

    const bibtex = await page.getByRole("region", { name: "Cite" }).locator("pre").textContent();
    expect(bibtex).toMatch(/^@\w+\{/);
    expect(bibtex).toContain("Uni-MoE");
    expect(bibtex).toContain(path);
    await expect(page.getByRole("button", { name: "Copy BibTeX" }).count()).resolves.toBe(1);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath("paper") });
  });

  it("copies the BibTeX entry to the clipboard", async () => {
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });
    const target = await context.newPage();
    await openPaper(target, "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    const bibtex = await target.getByRole("region", { name: "Cite" }).locator("pre").textContent();
    await target.getByRole("button", { name: "Copy BibTeX" }).click();
    await target.getByRole("button", { name: "Copied" }).waitFor();
    await expect(target.evaluate(() => navigator.clipboard.readText())).resolves.toBe(bibtex);
    await context.close();
  });

  it("reads without JavaScript: abstract and BibTeX are in the HTML, no copy button", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const target = await context.newPage();
    const path = await openPaper(page, "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    await target.goto(`${baseUrl()}${path}`);
    await expect(target.getByRole("region", { name: "Cite" }).locator("pre").textContent()).resolves.toMatch(/^@\w+\{/);
    await expect(target.getByRole("button", { name: "Copy BibTeX" }).count()).resolves.toBe(0);
    await context.close();
  });

  it("gives link previews their Open Graph and Twitter tags in <head>", async () => {
    const path = await openPaper(page, "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    // Link-preview bots get the metadata in <head> (Next streams it into <body> for browsers).
    const response = await fetch(`${baseUrl()}${path}`, { headers: { "user-agent": "Twitterbot/1.0" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const head = html.slice(0, html.indexOf("</head>"));
    const meta = (attribute: string, name: string) =>
      head.match(new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`))?.[1];
    expect(meta("property", "og:title")).toBe("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    expect(meta("property", "og:description")).toMatch(/^Recent advancements in Multimodal Large Language Models/);
    expect(meta("property", "og:description")!.length).toBeLessThanOrEqual(200);
    expect(meta("property", "og:url")).toBe(`${baseUrl()}${path}`);
    expect(meta("name", "twitter:card")).toBe("summary");
  });
});
