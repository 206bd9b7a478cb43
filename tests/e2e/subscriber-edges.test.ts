// A subscriber's rough edges in a real browser: "Only my topics" and its refusal without topics, the status
// line following a save without a reload, and the unsubscribed state with a working "Subscribe again".
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "../../lib/auth/secret";
import { findLatestOutboxMessage } from "../../lib/mail/outbox";
import { subscriberLinkToken } from "../../lib/subscribers/token";
import { launchBrowser, screenshotPath } from "./support/browser";
import { SESSION_COOKIE, signedInVisitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const outboxDir = path.join(inject("e2eDataDir"), "outbox");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const stamp = Date.now();

let browser: Browser;
let topic: { slug: string; name: string };

beforeAll(async () => {
  await pool.query(
    `INSERT INTO tag (slug, name, kind) SELECT 'e2e-topic', 'E2E topic', 'TOPIC' WHERE NOT EXISTS (SELECT 1 FROM tag WHERE kind = 'TOPIC')`,
  );
  const { rows } = await pool.query<{ slug: string; name: string }>(
    `SELECT slug, name FROM tag WHERE kind = 'TOPIC' ORDER BY name LIMIT 1`,
  );
  topic = rows[0]!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await pool.end();
});

/** A confirmed daily subscriber with no topics, and its emailed links' token (the test server's AUTH_SECRET). */
async function confirmedSubscriber(email: string): Promise<string> {
  const { rows } = await pool.query<{ seed: string }>(
    `INSERT INTO subscriber (email, status, confirmed_at) VALUES ($1, 'CONFIRMED', now()) RETURNING token_seed::text AS seed`,
    [email],
  );
  return subscriberLinkToken(rows[0]!.seed, authSecret({ configured: "", dataDir: inject("e2eDataDir") }));
}

async function row(email: string) {
  const { rows } = await pool.query<{ status: string; frequency: string; topics_only: boolean; topics: string[] }>(
    `SELECT s.status::text AS status, s.frequency::text AS frequency, s.digest_topics_only AS topics_only,
            coalesce(array_agg(t.slug) FILTER (WHERE t.id IS NOT NULL), '{}') AS topics
     FROM subscriber s LEFT JOIN subscriber_topic st ON st.subscriber_id = s.id LEFT JOIN tag t ON t.id = st.tag_id
     WHERE s.email = $1 GROUP BY s.id`,
    [email],
  );
  return rows[0];
}

/** Marks the document: still marked after an action means the page was updated in place, not reloaded. */
const markDocument = (page: Page) => page.evaluate(() => ((window as { ppMark?: number }).ppMark = 1));
const stillSameDocument = (page: Page) => page.evaluate(() => (window as { ppMark?: number }).ppMark === 1);

describe("the preferences link: Only my topics, the status line, Subscribe again", () => {
  const email = `prefs-edges-${stamp}@example.org`;
  let token: string;
  let page: Page;

  beforeAll(async () => {
    token = await confirmedSubscriber(email);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  it("offers both modes, and refuses 'Only my topics' without a topic with a message by the topics", async () => {
    await page.goto(`${baseUrl}/preferences/${token}`);
    await expect(page.getByText("Subscribed: daily digest, all topics.").count()).resolves.toBe(1);
    await expect(page.getByRole("radio", { name: /^Trending plus my topics/ }).isChecked()).resolves.toBe(true);
    await page.getByRole("radio", { name: /^Only my topics/ }).check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    const refusal = page.getByRole("alert").filter({ hasText: '"Only my topics" needs at least one topic' });
    await refusal.waitFor();
    expect(await refusal.count()).toBe(1);
    expect(await row(email)).toMatchObject({ frequency: "DAILY", topics_only: false, topics: [] });
  });

  it("saving weekly, only a topic updates the status line in place, without a reload", async () => {
    await page.goto(`${baseUrl}/preferences/${token}`);
    await markDocument(page);
    await page.getByRole("radio", { name: /^Weekly/ }).check();
    await page.getByRole("radio", { name: /^Only my topics/ }).check();
    await page.getByRole("checkbox", { name: topic.name, exact: true }).check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    const summary = `weekly digest on Mondays, only topics: ${topic.name}`;
    await page.getByText(`Subscribed: ${summary}.`).waitFor();
    await expect(page.locator("#preferences-message").textContent()).resolves.toBe(`Saved: ${summary}.`);
    expect(await stillSameDocument(page)).toBe(true);
    // The form shows what was saved.
    await expect(page.getByRole("radio", { name: /^Only my topics/ }).isChecked()).resolves.toBe(true);
    expect(await row(email)).toMatchObject({ frequency: "WEEKLY", topics_only: true, topics: [topic.slug] });
  });

  it("after unsubscribing, the link shows the unsubscribed state: no form, a Subscribe again button that works", async () => {
    await page.goto(`${baseUrl}/preferences/${token}`);
    await page.getByRole("link", { name: "Unsubscribe" }).click();
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("heading", { name: "You're unsubscribed" }).waitFor();
    await page.getByRole("button", { name: "Subscribe again" }).waitFor();

    await page.goto(`${baseUrl}/preferences/${token}`);
    await page.getByText("Unsubscribed: nothing is sent.").waitFor();
    expect(await page.getByRole("button", { name: "Save preferences" }).count()).toBe(0);
    expect(await page.getByRole("radio").count()).toBe(0);
    await page.screenshot({ path: screenshotPath("preferences-unsubscribed") });

    await page.getByRole("button", { name: "Subscribe again" }).click();
    await page.locator("#resubscribe-message").getByText(`Check your inbox: we sent an email to ${email}.`).waitFor();
    expect(await page.getByRole("button", { name: "Subscribe again" }).count()).toBe(0);
    // Double opt-in again, with the choices it had: the emailed link confirms it.
    expect(await row(email)).toMatchObject({ status: "PENDING", frequency: "WEEKLY", topics_only: true });
    const message = await findLatestOutboxMessage({ to: email }, { outboxDir });
    expect(message?.text).toContain(`only topics: ${topic.name}`);
    const confirm = message!.text.match(/\/subscribe\/confirm\/[A-Za-z0-9_-]{43}/)![0];
    await page.goto(`${baseUrl}${confirm}`);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("link", { name: "Manage preferences" }).waitFor();
    expect((await row(email))?.status).toBe("CONFIRMED");
  });
});

describe("/me: the digest settings", () => {
  let page: Page;
  const email = `me-edges-${stamp}@example.org`;

  beforeAll(async () => {
    const visitor = await signedInVisitor(databaseUrl, email);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: SESSION_COOKIE, value: visitor.cookie.split("=")[1]!, url: baseUrl }]);
    page = await context.newPage();
  });

  const panel = () => page.locator("form").filter({ has: page.getByRole("radio", { name: /^Only my topics/ }) });

  it("'Only my topics' without a topic is refused; with one, the status line follows without a reload", async () => {
    await page.goto(`${baseUrl}/me`);
    await page.getByText(`You don't get the digest.`).waitFor();
    await markDocument(page);
    await panel()
      .getByRole("radio", { name: /^Only my topics/ })
      .check();
    await panel().getByRole("button", { name: "Subscribe" }).click();
    await page.getByRole("alert").filter({ hasText: '"Only my topics" needs at least one topic' }).waitFor();
    expect(await row(email)).toBeUndefined();

    await panel()
      .getByRole("radio", { name: /^Only my topics/ })
      .check();
    await panel().getByRole("checkbox", { name: topic.name, exact: true }).check();
    await panel().getByRole("button", { name: "Subscribe" }).click();
    await page.getByText(`${email} gets the daily digest, only topics: ${topic.name}.`).waitFor();

    await panel()
      .getByRole("radio", { name: /^Trending plus my topics/ })
      .check();
    await panel().getByRole("button", { name: "Save digest settings" }).click();
    await page.getByText(`${email} gets the daily digest, trending plus topics: ${topic.name}.`).waitFor();
    expect(await stillSameDocument(page)).toBe(true);
    expect(await row(email)).toMatchObject({ status: "CONFIRMED", topics_only: false, topics: [topic.slug] });
  });

  it("unsubscribing hides the settings and offers Subscribe again, which restores them", async () => {
    await page.goto(`${baseUrl}/me`);
    await markDocument(page);
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByText(`You unsubscribed: ${email} gets no digests.`, { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: "Save digest settings" }).count()).toBe(0);
    expect(await page.getByRole("radio", { name: /^Only my topics/ }).count()).toBe(0);
    expect((await row(email))?.status).toBe("UNSUBSCRIBED");

    await page.getByRole("button", { name: "Subscribe again" }).click();
    await page.getByText(`${email} gets the daily digest, trending plus topics: ${topic.name}.`).waitFor();
    await page.getByRole("button", { name: "Save digest settings" }).waitFor();
    expect(await stillSameDocument(page)).toBe(true);
    expect(await row(email)).toMatchObject({ status: "CONFIRMED", topics_only: false, topics: [topic.slug] });
  });
});
