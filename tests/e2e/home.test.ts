import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

describe("home page", () => {
  it("lists the sample digest's papers in digest order with their code links", async () => {
    const response = await page.goto(inject("baseUrl"));
    expect(response?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toContain("April 30, 2025");
    const titles = await page.locator("article h2").allTextContents();
    expect(titles).toHaveLength(94);
    expect(titles[0]).toBe("Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts");
    const firstCode = page.locator("article").first().getByRole("link", { name: "Code" });
    await expect(firstCode.getAttribute("href")).resolves.toBe("https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs");
    await page.screenshot({ path: screenshotPath("home"), fullPage: false });
  });
});
