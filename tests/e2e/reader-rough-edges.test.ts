// What a new reader noticed (issue 15): ranked cards explain their place, a favicon, no "/" hint on phones, a BibTeX
// box that wraps, the address a sign-in link went to, one subscribe form per page and one message per error.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotPath } from "./support/browser";
import { waitForShortcuts } from "./support/pages";
import { SESSION_COOKIE, signedInVisitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");

let browser: Browser;
let pool: pg.Pool;
const contexts: BrowserContext[] = [];

async function pageWith(options: { width: number; height?: number; phone?: boolean; cookie?: string }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 900 },
    ...(options.phone ? { isMobile: true, hasTouch: true } : {}),
  });
  contexts.push(context);
  if (options.cookie)
    await context.addCookies([{ name: SESSION_COOKIE, value: options.cookie.split("=")[1]!, url: baseUrl }]);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await pool.end();
});

describe("ranked lists", () => {
  it("trending and top cards show each paper's upvotes and saves, and trending says why in a tooltip", async () => {
    const page = await pageWith({ width: 1280 });
    await page.goto(`${baseUrl}/?sort=trending`);
    const first = page.locator("[data-paper-card]").first().locator("[data-rank-signals]");
    await expect(first.locator('[aria-hidden="true"]').textContent()).resolves.toMatch(
      /^▲ [\d,]+ upvotes? · [\d,]+ saves?/,
    );
    await expect(first.getAttribute("title")).resolves.toMatch(
      /^Trending from [\d,]+ upvotes?, [\d,]+ saves?, [\d,]+ tags?.*fading by half every two days/,
    );
    await page.goto(`${baseUrl}/?sort=top&window=all`);
    await expect(page.locator("[data-paper-card] [data-rank-signals]").first().getAttribute("title")).resolves.toMatch(
      /^Ranked by its [\d,]+ upvotes?$/,
    );
    await page.goto(`${baseUrl}/?sort=new`);
    await expect(page.locator("[data-rank-signals]").count()).resolves.toBe(0);
  });
});

describe("small things", () => {
  it("/favicon.ico is an icon", async () => {
    const response = await fetch(`${baseUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  });

  it("the search box's '/' hint shows with a mouse and keyboard, not on a phone", async () => {
    const desktop = await pageWith({ width: 1280 });
    await desktop.goto(baseUrl);
    await expect(desktop.locator("[data-search-shortcut]").isVisible()).resolves.toBe(true);
    const phone = await pageWith({ width: 390, height: 844, phone: true });
    await phone.goto(baseUrl);
    await expect(phone.locator("[data-search-shortcut]").isVisible()).resolves.toBe(false);
    await expect(phone.getByLabel("Search papers").getAttribute("placeholder")).resolves.toBe("Search papers");
  });

  it("the BibTeX box wraps its url line on a phone instead of clipping it", async () => {
    const {
      rows: [paper],
    } = await pool.query<{ slug: string }>(`SELECT slug FROM paper ORDER BY length(title) DESC LIMIT 1`);
    const phone = await pageWith({ width: 390, height: 844, phone: true });
    await phone.goto(`${baseUrl}/papers/${paper!.slug}`);
    const box = phone.locator("pre", { hasText: "@misc" });
    await expect(box.evaluate((pre) => pre.scrollWidth - pre.clientWidth)).resolves.toBe(0);
    await expect(box.textContent()).resolves.toContain(`/papers/${paper!.slug}`);
    await box.screenshot({ path: screenshotPath("bibtex-phone") });
  });
});

describe("signing in and subscribing", () => {
  it("'Check your email' names the address the link went to", async () => {
    const email = `reader-${randomBytes(4).toString("hex")}@example.org`;
    const page = await pageWith({ width: 1280 });
    await page.goto(`${baseUrl}/signin`);
    await waitForShortcuts(page);
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.waitForURL(/\/signin\/check-email/);
    await expect(page.locator("[data-sent-to]").textContent()).resolves.toContain(
      `We sent a sign-in link to ${email}.`,
    );
    expect(page.url()).not.toContain(email.split("@")[0]);
  });

  it("/me has its own digest settings and no footer subscribe box; the home page keeps the box", async () => {
    const reader = await signedInVisitor(databaseUrl, `me-${randomBytes(4).toString("hex")}@example.org`);
    const page = await pageWith({ width: 1280, cookie: reader.cookie });
    await page.goto(`${baseUrl}/me`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect(page.locator("#subscribe-box-email").count()).resolves.toBe(0);
    await page.goto(baseUrl);
    await expect(page.locator("#subscribe-box-email").count()).resolves.toBe(1);
  });

  it("an address like a@b is refused with one message, beside the field", async () => {
    const page = await pageWith({ width: 1280 });
    await page.goto(`${baseUrl}/subscribe`);
    await waitForShortcuts(page);
    await page.getByLabel("Email address").fill("a@b");
    await page
      .locator("form")
      .filter({ has: page.getByLabel("Email address") })
      .getByRole("button", { name: "Subscribe" })
      .click();
    await page.locator("#subscribe-email").and(page.locator('[aria-invalid="true"]')).waitFor();
    const texts = (await page.locator("main").innerText())
      .split("\n")
      .filter((line) => /^Enter an email address/.test(line));
    expect(texts).toHaveLength(1);
  });
});
