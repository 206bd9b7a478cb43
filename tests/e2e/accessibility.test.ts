import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { seriousAxeViolations } from "./support/pages";

// axe on a 94-card page takes tens of seconds on a busy two-core machine.
const AXE_TIMEOUT = 150_000;

let browser: Browser;
const baseUrl = () => inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

for (const colorScheme of ["light", "dark"] as const) {
  describe(`accessibility in the ${colorScheme} scheme (axe: no serious or critical violations)`, () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    it(
      "home, with an abstract and the digest date list opened",
      async () => {
        await page.goto(baseUrl());
        const card = page.locator("article[data-paper-card]").first();
        await card.getByRole("button", { name: "Show full abstract" }).click();
        await card.getByRole("button", { name: "Show less" }).waitFor();
        await page.getByRole("navigation", { name: "Digest dates" }).locator("summary").click();
        expect(await seriousAxeViolations(page)).toEqual([]);
      },
      AXE_TIMEOUT,
    );

    it(
      "a paper page",
      async () => {
        await page.goto(baseUrl());
        const href = await page.locator("article[data-paper-card] h2 a").first().getAttribute("href");
        await page.goto(`${baseUrl()}${href}`);
        expect(await seriousAxeViolations(page)).toEqual([]);
      },
      AXE_TIMEOUT,
    );

    for (const path of [
      "/search?q=video+benchmark",
      "/search",
      "/search?q=zzqxv+qqwwpp&hasCode=1",
      "/digests/not-a-date",
    ]) {
      it(
        path,
        async () => {
          await page.goto(`${baseUrl()}${path}`);
          expect(await seriousAxeViolations(page)).toEqual([]);
        },
        AXE_TIMEOUT,
      );
    }
  });
}
