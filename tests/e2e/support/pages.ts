// Helpers shared by the browser tests: axe checks, hydration waits, horizontal-overflow checks.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export type AxeProblem = { id: string; impact: string | null | undefined; help: string; targets: string[] };

/** axe violations of impact serious or critical on the current page (minor / moderate are reported, not failed). */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  // After a client-side navigation Next streams the new page's metadata after its content, so for a
  // moment there is no <title>. Give it that moment; a page that never gets one still fails below.
  await page.waitForFunction(() => document.title !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    }));
}

/** Waits until the keyboard shortcuts are listening (the page has hydrated). */
export async function waitForShortcuts(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.shortcuts === "ready");
}

/** How many CSS pixels the page scrolls sideways (0 when it fits the viewport). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The focused element's paper title when a card is focused, else null. */
export async function focusedCardTitle(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!(active instanceof HTMLElement) || !active.matches("[data-paper-card]")) return null;
    return active.querySelector("a[data-paper-link]")?.textContent ?? null;
  });
}
