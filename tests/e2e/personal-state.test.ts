// One page for everyone, personal state on top, in Chromium against the built app (two web processes):
// a signed-in reader sees their own votes, saves and tags on a paper page another visitor had the cache
// keep, nobody else sees them, a vote shows at once after a reload without clearing any cached page, and
// signed-out readers never ask for personal state.
import { randomBytes } from "node:crypto";
import http from "node:http";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { SESSION_COOKIE, signedInVisitor, type Visitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const tagName = `mine-${randomBytes(3).toString("hex")}`;

let browser: Browser;
let paper: { id: number; slug: string };
let other: { slug: string };
let ada: Visitor;
let bob: Visitor;

beforeAll(async () => {
  const { rows } = await pool.query<{ id: number; slug: string }>(
    "SELECT id, slug FROM paper WHERE title NOT LIKE 'Video-MME%' AND title NOT LIKE 'MME-Survey%' ORDER BY id DESC LIMIT 2",
  );
  [paper, other] = [rows[0]!, rows[1]!];
  ada = await signedInVisitor(databaseUrl, `ada-${randomBytes(4).toString("hex")}@example.org`);
  bob = await signedInVisitor(databaseUrl, `bob-${randomBytes(4).toString("hex")}@example.org`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await pool.end();
});

/**
 * One GET on a new connection: consecutive calls reach both web processes (and both caches). It accepts
 * gzip as Chromium does, so it reads the copy the browser is served (the cache keeps one per encoding).
 */
function get(path: string): Promise<{ status: number; cache: string | null }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { agent: false, headers: { "accept-encoding": "gzip, deflate, br" } }, (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, cache: String(response.headers["x-page-cache"] ?? "") }),
        );
      })
      .on("error", reject);
  });
}

/** Anonymous visits until both processes replay the page from their cache. */
async function cachedEverywhere(path: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [first, second] = [await get(path), await get(path)];
    if (first.cache === "HIT" && second.cache === "HIT") return;
    if (Date.now() > deadline) throw new Error(`${path} never became a HIT on both processes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function api(visitor: Visitor, path: string, method: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "Content-Type": "application/json", origin: baseUrl, cookie: visitor.cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${path}`).toBe(200);
  return response.json();
}

async function contextFor(visitor: Visitor | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (visitor) {
    const token = visitor.cookie.slice(SESSION_COOKIE.length + 1);
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl }]);
  }
  return context;
}

/** The paper page, with the cache status of its HTML, once the controls have their state. */
async function openPaper(page: Page): Promise<string | undefined> {
  const response = await page.goto(`${baseUrl}/papers/${paper.slug}`);
  await page
    .locator('[aria-busy="false"]')
    .or(page.getByRole("link", { name: /^Upvote/ }))
    .first()
    .waitFor();
  return response?.headers()["x-page-cache"];
}

function upvote(page: Page) {
  return page.getByRole("button", { name: /^Upvote/ });
}

async function upvoteCount(): Promise<number> {
  const { rows } = await pool.query<{ n: number }>("SELECT upvote_count AS n FROM paper WHERE id = $1", [paper.id]);
  return rows[0]!.n;
}

describe("personal state on shared pages", () => {
  it("a signed-in reader sees their own vote, save and tag on a page a visitor had cached; another reader sees none of it", async () => {
    await api(ada, `/api/papers/${paper.slug}/reactions`, "POST", { kind: "upvote", active: true });
    await api(ada, `/api/papers/${paper.slug}/reactions`, "POST", { kind: "save", active: true });
    await api(ada, `/api/papers/${paper.slug}/tags`, "POST", { names: tagName });
    await cachedEverywhere(`/papers/${paper.slug}`);

    const adaContext = await contextFor(ada);
    const page = await adaContext.newPage();
    expect(await openPaper(page)).toBe("HIT");
    await expect(upvote(page).getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(page.getByTestId("upvote-count").textContent()).resolves.toBe(String(await upvoteCount()));
    await expect(page.getByRole("button", { name: "Saved" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await page.getByRole("list", { name: "Your tags on this paper" }).getByText(tagName).waitFor();
    // The header: the account link, not "Sign in", with no flash (the hint was set before the first paint).
    await page.getByRole("banner").getByRole("link", { name: "Me" }).waitFor();
    expect(await page.getByRole("banner").getByRole("link", { name: "Sign in" }).count()).toBe(0);

    const bobContext = await contextFor(bob);
    const bobPage = await bobContext.newPage();
    expect(await openPaper(bobPage)).toBe("HIT");
    await expect(upvote(bobPage).getAttribute("aria-pressed")).resolves.toBe("false");
    await expect(bobPage.getByRole("button", { name: "Save" }).getAttribute("aria-pressed")).resolves.toBe("false");
    expect(await bobPage.getByRole("list", { name: "Your tags on this paper" }).count()).toBe(0);
    expect(await bobPage.content()).not.toContain(ada.email);
    await Promise.all([adaContext.close(), bobContext.close()]);
  });

  it("toggling a vote then reloading shows the new state at once, count included, and leaves cached pages cached", async () => {
    await cachedEverywhere(`/papers/${paper.slug}`);
    await cachedEverywhere(`/papers/${other.slug}`);
    const context = await contextFor(ada);
    const page = await context.newPage();
    await openPaper(page);
    const wasPressed = (await upvote(page).getAttribute("aria-pressed")) === "true";
    const before = Number(await page.getByTestId("upvote-count").textContent());
    const answered = page.waitForResponse((response) => response.url().endsWith("/reactions"));
    await upvote(page).click();
    expect((await answered).status()).toBe(200);
    const expected = before + (wasPressed ? -1 : 1);

    expect(await openPaper(page)).toBe("HIT");
    await expect(upvote(page).getAttribute("aria-pressed")).resolves.toBe(String(!wasPressed));
    await expect(page.getByTestId("upvote-count").textContent()).resolves.toBe(String(expected));
    expect(await upvoteCount()).toBe(expected);
    // The vote cleared nothing: this paper's page and another's are still replayed by both processes.
    for (const path of [`/papers/${paper.slug}`, `/papers/${other.slug}`])
      for (const answer of [await get(path), await get(path)]) expect(answer.cache, path).toBe("HIT");
    await context.close();
  });

  it("an admin's Admin link shows from the first paint on later pages; a reader's never shows", async () => {
    const admin = await signedInVisitor(databaseUrl, `root-${randomBytes(4).toString("hex")}@example.org`, "ADMIN");
    const context = await contextFor(admin);
    const page = await context.newPage();
    const adminLink = page.getByRole("banner").getByRole("link", { name: "Admin" });
    // First view: the state call says "admin", the link appears and the browser keeps the hint.
    const stated = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/me/state");
    await page.goto(`${baseUrl}/`);
    await stated;
    await adminLink.waitFor();
    expect((await context.cookies(baseUrl)).find((cookie) => cookie.name === "pp_admin")?.value).toBe("1");
    // Later views: with the state call held back, the cached page already shows the link.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/me/state**", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}/papers/${other.slug}`, { waitUntil: "load" });
    // Styles loaded ("load"), the state call still unanswered: the link shows by the hint alone.
    expect(await adminLink.isVisible()).toBe(true);
    release();
    await context.close();

    const readerContext = await contextFor(bob);
    const readerPage = await readerContext.newPage();
    const readerStated = readerPage.waitForResponse((response) => new URL(response.url()).pathname === "/api/me/state");
    await readerPage.goto(`${baseUrl}/papers/${other.slug}`);
    await readerStated;
    await readerPage.getByRole("banner").getByRole("link", { name: "Me" }).waitFor();
    expect(await readerPage.getByRole("banner").getByRole("link", { name: "Admin" }).count()).toBe(0);
    await readerContext.close();
  });

  it("signed-out readers ask for no personal state, and see Sign in", async () => {
    const context = await contextFor(null);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    const counts = page.waitForResponse((response) => response.url().includes("/api/papers/counts"));
    await openPaper(page);
    await counts;
    await page.getByRole("banner").getByRole("link", { name: "Sign in" }).waitFor();
    await page.goto(`${baseUrl}/`);
    await page.goto(`${baseUrl}/search?q=video`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(asked.filter((path) => path === "/api/me/state")).toEqual([]);
    expect(asked).toContain("/api/papers/counts");
    await context.close();
  });
});
