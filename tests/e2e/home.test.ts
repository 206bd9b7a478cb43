import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { focusedCardTitle, horizontalOverflow, waitForShortcuts } from "./support/pages";

const FIRST_TITLE = "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts";
const SAMPLE_DATE = "2025-04-30";

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

const cardTitles = (target: Page) => target.locator("article[data-paper-card] h2 a").allTextContents();

describe("home page", () => {
  it("lists the sample digest's 94 papers in digest order with their code links and the date", async () => {
    const response = await page.goto(baseUrl());
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toContain("April 30, 2025");
    const titles = await cardTitles(page);
    expect(titles).toHaveLength(94);
    expect(titles[0]).toBe(FIRST_TITLE);
    const first = page.locator("article[data-paper-card]").first();
    await expect(first.getByRole("link", { name: "Code", exact: true }).getAttribute("href")).resolves.toBe(
      "https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs",
    );
    await expect(first.locator("time").getAttribute("datetime")).resolves.toBe(SAMPLE_DATE);
    await expect(first.getByRole("link", { name: FIRST_TITLE }).getAttribute("href")).resolves.toMatch(
      /^\/papers\/[^/]+$/,
    );
    // Its topic tags, automatic ones marked, lead to the tag pages.
    await expect(
      first
        .getByRole("list", { name: "Tags" })
        .getByRole("link", { name: /Mixture of experts.*\(automatic topic\)/i })
        .getAttribute("href"),
    ).resolves.toBe("/tags/mixture-of-experts");
    await page.screenshot({ path: screenshotPath("home"), fullPage: false });
  });

  it("has the landmarks, a labelled header search box and the site feed", async () => {
    await page.goto(baseUrl());
    await expect(page.getByRole("banner").count()).resolves.toBe(1);
    await expect(page.getByRole("main").count()).resolves.toBe(1);
    await expect(page.getByRole("contentinfo").count()).resolves.toBe(1);
    await expect(page.getByRole("navigation", { name: "Main" }).count()).resolves.toBe(1);
    const search = page.getByRole("banner").getByRole("searchbox", { name: "Search papers" });
    await expect(search.count()).resolves.toBe(1);
    await expect(
      page.locator('link[rel="alternate"][type="application/rss+xml"]').first().getAttribute("href"),
    ).resolves.toMatch(/\/feed\.xml$/);
    await expect(
      page.getByRole("contentinfo").getByRole("link", { name: "RSS feed" }).getAttribute("href"),
    ).resolves.toBe("/feed.xml");
  });

  it("shows a long abstract as an excerpt and brings the whole of it on demand, by keyboard too", async () => {
    const pool = new pg.Pool({ connectionString: inject("e2eDatabaseUrl"), max: 1 });
    const { rows } = await pool.query<{ abstract: string }>("SELECT abstract FROM paper WHERE title = $1", [
      FIRST_TITLE,
    ]);
    await pool.end();
    const abstract = rows[0]!.abstract;
    // The page carries the excerpt only: the abstract's end is in neither the HTML nor its React payload.
    const html = await (await fetch(baseUrl())).text();
    expect(html).not.toContain(abstract.slice(-60));

    await page.goto(baseUrl());
    const first = page.locator("article[data-paper-card]").first();
    const toggle = first.getByRole("button", { name: "Show full abstract" });
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");
    const text = page.locator(`[id="${await toggle.getAttribute("aria-controls")}"]`);
    const excerpt = await text.textContent();
    expect(excerpt).toMatch(/…$/);
    expect(excerpt!.length).toBeLessThan(abstract.length / 2);

    await toggle.focus();
    await page.keyboard.press("Enter");
    const less = first.getByRole("button", { name: "Show less" });
    await expect(less.getAttribute("aria-expanded")).resolves.toBe("true");
    await expect(text.textContent()).resolves.toBe(abstract);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Show less");

    await page.keyboard.press("Space");
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(text.textContent()).resolves.toBe(excerpt);
  });

  it("without JavaScript, a card hides the toggle it could not run; its title leads to the whole abstract", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(baseUrl());
    const first = noJs.locator("article[data-paper-card]").first();
    await expect(first.getByRole("button", { name: "Show full abstract" }).isVisible()).resolves.toBe(false);
    await expect(first.getByRole("link", { name: FIRST_TITLE }).getAttribute("href")).resolves.toMatch(
      /^\/papers\/[^/]+$/,
    );
    await expect(cardTitles(noJs)).resolves.toHaveLength(94);
    await context.close();
  });

  it("sorts by newest through the URL and marks the current sort", async () => {
    await page.goto(baseUrl());
    const digestOrder = await cardTitles(page);
    const sortNav = page.getByRole("navigation", { name: "Sort papers" });
    await expect(sortNav.getByRole("link").allTextContents()).resolves.toEqual(["Digest", "Trending", "New", "Top"]);
    await expect(sortNav.locator('[aria-current="true"]').textContent()).resolves.toBe("Digest");
    await sortNav.getByRole("link", { name: "New", exact: true }).click();
    await page.waitForURL(/\/\?sort=new$/);
    // One digest day: newest first lists it in the digest's own order, its first paper first.
    await expect(cardTitles(page)).resolves.toEqual(digestOrder);
    expect(digestOrder[0]).toBe(FIRST_TITLE);
    expect(digestOrder).toHaveLength(94);
    await expect(page.locator("h1").textContent()).resolves.toBe("Newest papers");
    await expect(sortNav.locator('[aria-current="true"]').textContent()).resolves.toBe("New");
    for (const bogus of ["/?sort=bogus", "/?sort=top&window=decade&page=-4"]) {
      const unknown = await page.goto(`${baseUrl()}${bogus}`);
      expect(unknown?.status(), bogus).toBe(200);
      await expect(cardTitles(page), bogus).resolves.toHaveLength(94);
    }
  });

  it("lists the catalogue by Trending and Top through links, a voted paper first", async () => {
    const voted = "Video-MME: The First-Ever Comprehensive Evaluation Benchmark of Multi-modal LLMs in Video Analysis";
    const pool = new pg.Pool({ connectionString: inject("e2eDatabaseUrl"), max: 1 });
    // Far more votes than other tests leave behind, with the boost lib/trending/signals.ts would store
    // (2·log2(1 + 1023) = 20 days); the counts are put back afterwards.
    const { rows } = await pool.query<{ upvote_count: number; trending_boost: number }>(
      "SELECT upvote_count, trending_boost FROM paper WHERE title = $1",
      [voted],
    );
    await pool.query("UPDATE paper SET upvote_count = 1023, trending_boost = 20 WHERE title = $1", [voted]);
    try {
      await page.goto(baseUrl());
      const sortNav = page.getByRole("navigation", { name: "Sort papers" });
      await sortNav.getByRole("link", { name: "Trending", exact: true }).click();
      await page.waitForURL(/\/\?sort=trending$/);
      await expect(page.locator("h1").textContent()).resolves.toBe("Trending papers");
      const trending = await cardTitles(page);
      expect(trending).toHaveLength(94);
      expect(trending[0]).toBe(voted);

      await sortNav.getByRole("link", { name: "Top", exact: true }).click();
      await page.waitForURL(/\/\?sort=top$/);
      // The week ends at the latest digest (the sample's day), not at today.
      await expect(page.locator("h1").textContent()).resolves.toBe("Top papers of the week to April 30, 2025");
      await expect(cardTitles(page).then((titles) => titles[0])).resolves.toBe(voted);
      const period = page.getByRole("navigation", { name: "Top papers period" });
      await expect(period.locator('[aria-current="true"]').textContent()).resolves.toBe("Week");
      await expect(sortNav.locator('[aria-current="true"]').textContent()).resolves.toBe("Top");
      await period.getByRole("link", { name: "All time" }).click();
      await page.waitForURL(/\/\?sort=top&window=all$/);
      await expect(page.locator("h1").textContent()).resolves.toBe("Top papers of all time");
      await expect(cardTitles(page)).resolves.toHaveLength(94);
    } finally {
      await pool.query("UPDATE paper SET upvote_count = $2, trending_boost = $3 WHERE title = $1", [
        voted,
        rows[0]!.upvote_count,
        rows[0]!.trending_boost,
      ]);
      await pool.end();
    }
  });

  it("navigates digest dates: the list of days, and the day's page shows the same papers", async () => {
    await page.goto(baseUrl());
    const nav = page.getByRole("navigation", { name: "Digest dates" });
    // The sample has one day: no previous or next day to go to.
    await expect(nav.getByRole("link", { name: /Previous day/ }).count()).resolves.toBe(0);
    await expect(nav.getByRole("link", { name: /Next day/ }).count()).resolves.toBe(0);
    await nav.locator("summary").click();
    const dayLinks = nav.getByRole("list", { name: "Recent digest dates" }).getByRole("link");
    await expect(dayLinks.count()).resolves.toBe(1);
    await expect(dayLinks.first().getAttribute("href")).resolves.toBe(`/digests/${SAMPLE_DATE}`);
    await expect(dayLinks.first().textContent()).resolves.toContain("94 papers");
    const homeTitles = await cardTitles(page);

    await dayLinks.first().click();
    await page.waitForURL(new RegExp(`/digests/${SAMPLE_DATE}$`));
    await expect(page.locator("h1").textContent()).resolves.toContain("April 30, 2025");
    await expect(cardTitles(page)).resolves.toEqual(homeTitles);
  });

  it("answers 404 with the not-found page for unknown and malformed digest dates and paper slugs", async () => {
    for (const path of [
      "/digests/2031-01-01",
      "/digests/not-a-date",
      "/digests/2025-02-30",
      "/papers/no-such-paper-anywhere",
      "/no/such/page",
    ]) {
      const response = await page.goto(`${baseUrl()}${path}`);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator("h1").textContent(), path).resolves.toBe("Page not found");
      await expect(page.getByRole("link", { name: "Latest digest" }).count(), path).resolves.toBe(1);
    }
  });

  it("moves between papers with j / k and opens the focused one with o or Enter", async () => {
    await page.goto(baseUrl());
    await waitForShortcuts(page);
    const titles = await cardTitles(page);

    await page.keyboard.press("j");
    await expect(focusedCardTitle(page)).resolves.toBe(titles[0]);
    await expect(page.evaluate(() => document.activeElement?.matches(":focus-visible"))).resolves.toBe(true);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await expect(focusedCardTitle(page)).resolves.toBe(titles[2]);
    await page.keyboard.press("k");
    await expect(focusedCardTitle(page)).resolves.toBe(titles[1]);
    await page.screenshot({ path: screenshotPath("home-keyboard-focus") });

    await page.keyboard.press("o");
    await page.waitForURL(/\/papers\//);
    await page.locator("h1", { hasText: titles[1]! }).waitFor();

    await page.goto(baseUrl());
    await waitForShortcuts(page);
    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/papers\//);
    await page.locator("h1", { hasText: titles[0]! }).waitFor();
  });

  it("focuses the search box with / and ignores shortcuts while typing", async () => {
    await page.goto(baseUrl());
    await waitForShortcuts(page);
    await page.keyboard.press("/");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("site-search");
    await page.keyboard.type("jk/o");
    await expect(page.locator("#site-search").inputValue()).resolves.toBe("jk/o");
    await expect(focusedCardTitle(page)).resolves.toBeNull();
    expect(new URL(page.url()).pathname).toBe("/");
  });

  it("fits a 375 px wide phone screen without sideways scrolling", async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const phone = await context.newPage();
    await phone.goto(baseUrl());
    await expect(horizontalOverflow(phone)).resolves.toBeLessThanOrEqual(0);
    await expect(cardTitles(phone)).resolves.toHaveLength(94);
    await phone.screenshot({ path: screenshotPath("home-phone") });
    // The longest control: four sorts and, under Top, three periods.
    await phone.goto(`${baseUrl()}/?sort=top&window=month`);
    await expect(horizontalOverflow(phone)).resolves.toBeLessThanOrEqual(0);
    await expect(cardTitles(phone)).resolves.toHaveLength(94);
    await context.close();
  });

  it("follows the system's dark colour scheme", async () => {
    const context = await browser.newContext({ colorScheme: "dark", viewport: { width: 1280, height: 900 } });
    const dark = await context.newPage();
    await dark.goto(baseUrl());
    // Paint the computed colour (oklch in Tailwind 4) on a canvas to read it back as RGB.
    const [r, g, b] = await dark.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const context2d = canvas.getContext("2d")!;
      context2d.fillStyle = getComputedStyle(document.body).backgroundColor;
      context2d.fillRect(0, 0, 1, 1);
      return Array.from(context2d.getImageData(0, 0, 1, 1).data);
    });
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(100); // near black
    await dark.screenshot({ path: screenshotPath("home-dark") });
    await context.close();
  });
});
