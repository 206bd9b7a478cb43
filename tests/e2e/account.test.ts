// A reader signs in with a magic link from the outbox, upvotes, saves and tags a paper, and finds it all after a reload.
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findLatestOutboxMessage } from "../../lib/mail/outbox";
import { launchBrowser, screenshotPath } from "./support/browser";
import { seriousAxeViolations } from "./support/pages";
import { SESSION_COOKIE } from "./support/session";

const baseUrl = inject("baseUrl");
const outboxDir = path.join(inject("e2eDataDir"), "outbox");
const TITLE_START = "MME-Survey";
const email = `reader-${Date.now()}@example.org`;

let browser: Browser;
let page: Page;
let slug: string;
let title: string;

beforeAll(async () => {
  const client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
  await client.connect();
  const { rows } = await client.query<{ slug: string; title: string }>(
    `SELECT slug, title FROM paper WHERE title LIKE $1`,
    [`${TITLE_START}%`],
  );
  await client.end();
  ({ slug, title } = rows[0]!);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function sessionRows(token: string): Promise<number> {
  const client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM auth_session WHERE session_token = $1`,
      [token],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function signInLink(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const message = await findLatestOutboxMessage({ to: email }, { outboxDir });
    const link = message?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no sign-in email for ${email} in ${outboxDir}`);
}

function upvoteButton() {
  return page.getByRole("button", { name: /^Upvote/ });
}

describe("signing in and reacting to a paper", () => {
  let linkUsed: string;

  it("signed out, Upvote leads to sign-in; the emailed link signs in and comes back to the paper", async () => {
    await page.goto(`${baseUrl}/papers/${slug}`);
    await page.getByRole("link", { name: /Upvote/ }).click();
    await page.waitForURL(/\/signin\?callbackUrl=/);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel("Email address").fill("not-an-email");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.locator("#signin-email-error").textContent()).resolves.toMatch(/email address like/);

    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.waitForURL(/\/signin\/check-email/);

    linkUsed = await signInLink();
    await page.goto(linkUsed);
    await page.waitForURL(new RegExp(`/papers/${slug}$`));
    await expect(page.getByRole("banner").getByRole("link", { name: "Me" }).count()).resolves.toBe(1);
  });

  it("the same link does not work twice", async () => {
    // Another browser (its own cookies), as if the link were forwarded or replayed.
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(linkUsed);
    await other.waitForURL(/\/signin\/error/);
    await expect(other.locator("main").textContent()).resolves.toMatch(/expired or was already used/);
    await context.close();
  });

  it("a link older than 10 minutes is refused with a message that offers a new one", async () => {
    const lateEmail = `late-${Date.now()}@example.org`;
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto(`${baseUrl}/signin`);
    await other.getByLabel("Email address").fill(lateEmail);
    await other.getByRole("button", { name: "Email me a sign-in link" }).click();
    await other.waitForURL(/\/signin\/check-email/);
    const message = await findLatestOutboxMessage({ to: lateEmail }, { outboxDir });
    const link = message!.text.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)![0];
    const client = new pg.Client({ connectionString: inject("e2eDatabaseUrl") });
    await client.connect();
    // The token was issued with a 10-minute life; move its expiry into the past as 11 minutes would.
    const { rows } = await client.query(
      `SELECT expires - now() AS left FROM auth_verification_token WHERE identifier = $1`,
      [lateEmail],
    );
    expect(rows[0].left.minutes ?? 0).toBeGreaterThanOrEqual(9);
    await client.query(
      `UPDATE auth_verification_token SET expires = now() - interval '1 minute' WHERE identifier = $1`,
      [lateEmail],
    );
    await client.end();
    await other.goto(link);
    await other.waitForURL(/\/signin\/error/);
    await other.getByRole("link", { name: "Get a new link" }).waitFor();
    await context.close();
  });

  it("upvote, save and a tag take one click each and are still there after a reload", async () => {
    await page.locator('[aria-busy="false"]').first().waitFor();
    const before = Number(await page.getByTestId("upvote-count").textContent());
    await upvoteButton().click();
    await page.waitForFunction(
      () => document.querySelector('[aria-pressed="true"] [data-testid="upvote-count"]') !== null,
    );
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("button", { name: "Saved" }).waitFor();

    await page.getByLabel("Add tags (comma-separated)").fill("E2E Long Video");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("list", { name: "Your tags on this paper" }).getByText("E2E Long Video").waitFor();

    await page.reload();
    // The page is the one everyone gets; the buttons are busy until /api/me/state has answered.
    await page.locator('[aria-busy="false"]').first().waitFor();
    await expect(upvoteButton().getAttribute("aria-pressed")).resolves.toBe("true");
    await expect(page.getByTestId("upvote-count").textContent()).resolves.toBe(String(before + 1));
    await expect(page.getByRole("button", { name: "Saved" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await page.mouse.move(0, 0);
    await page.screenshot({ path: screenshotPath("paper-signed-in") });
  });

  it("the tag page lists the paper, and /me shows the reading list and the tag", async () => {
    await page.goto(`${baseUrl}/tags/e2e-long-video`);
    await page.getByRole("link", { name: title }).first().waitFor();

    await page.goto(`${baseUrl}/me`);
    const readingList = page.locator("section", { has: page.getByRole("heading", { name: "Reading list" }) });
    await readingList.getByRole("link", { name: title }).first().waitFor();
    await page
      .locator("section", { has: page.getByRole("heading", { name: "Your tags" }) })
      .getByText("E2E Long Video")
      .waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("signing out is a button (a POST) that deletes the session row, and afterwards the paper page offers sign-in again", async () => {
    const sessionToken = async () =>
      (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE)?.value;
    const token = await sessionToken();
    expect(token).toBeTruthy();
    expect(await sessionRows(token!)).toBe(1);
    await page.goto(`${baseUrl}/me`);
    const [request] = await Promise.all([
      page.waitForRequest((sent) => sent.method() === "POST" && new URL(sent.url()).pathname === "/me"),
      page.getByRole("button", { name: "Sign out" }).click(),
    ]);
    // A server action: Next posts it with the action's id.
    expect(request.headers()["next-action"]).toBeTruthy();
    await page.waitForURL(`${baseUrl}/`);
    expect(await sessionRows(token!)).toBe(0);
    expect(await sessionToken()).toBeUndefined();
    await page.goto(`${baseUrl}/papers/${slug}`);
    await page.getByRole("banner").getByRole("link", { name: "Sign in" }).waitFor();
  });
});
