// Debian's Chromium driven by playwright-core (Playwright cannot download its own browser here).
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
  Boolean,
) as string[];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!executablePath)
    throw new Error("Chromium not found: install it with `apt-get install -y chromium` or set CHROMIUM_PATH.");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Screenshots land in test-results/screenshots (git-ignored), kept as CI artifacts. */
export function screenshotPath(name: string): string {
  const dir = path.resolve("test-results", "screenshots");
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
