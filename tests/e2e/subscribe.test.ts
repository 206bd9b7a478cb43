// A visitor subscribes on /subscribe, confirms from the emailed link with a button press, and unsubscribes only by pressing a button.
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "../../lib/auth/secret";
import { findLatestOutboxMessage } from "../../lib/mail/outbox";
import { subscriberLinkToken } from "../../lib/subscribers/token";
import { launchBrowser, screenshotPath } from "./support/browser";
import { seriousAxeViolations } from "./support/pages";

const baseUrl = inject("baseUrl");
const outboxDir = path.join(inject("e2eDataDir"), "outbox");
const pool = new pg.Pool({ connectionString: inject("e2eDatabaseUrl"), max: 2 });
const email = `subscriber-${Date.now()}@example.org`;

let browser: Browser;
let page: Page;
let topic: { slug: string; name: string };

beforeAll(async () => {
  // The seeded sample digest is tagged at import; a topic is added here only if the taxonomy left none.
  await pool.query(
    `INSERT INTO tag (slug, name, kind) SELECT 'e2e-topic', 'E2E topic', 'TOPIC' WHERE NOT EXISTS (SELECT 1 FROM tag WHERE kind = 'TOPIC')`,
  );
  const { rows } = await pool.query<{ slug: string; name: string }>(
    `SELECT slug, name FROM tag WHERE kind = 'TOPIC' ORDER BY name LIMIT 1`,
  );
  topic = rows[0]!;
  browser = await launchBrowser();
  // axe needs a page from an explicit context.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await pool.end();
});

async function emailedLink(pattern: RegExp): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const message = await findLatestOutboxMessage({ to: email }, { outboxDir });
    const link = message?.text.match(pattern)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no email matching ${pattern} for ${email} in ${outboxDir}`);
}

/** The emailed link on the test server: the app builds it from the request's host, the test opens it there. */
const onTestServer = (link: string) => `${baseUrl}${new URL(link).pathname}`;

async function status(): Promise<string | undefined> {
  const { rows } = await pool.query<{ status: string }>(`SELECT status FROM subscriber WHERE email = $1`, [email]);
  return rows[0]?.status;
}

describe("subscribing to the digest", () => {
  it("/subscribe has no serious accessibility problems", async () => {
    await page.goto(`${baseUrl}/subscribe`);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("a malformed address is refused next to the field", async () => {
    await page.goto(`${baseUrl}/subscribe`);
    const form = page.getByRole("main");
    await form.getByLabel("Email address").fill("not-an-email");
    await form.getByRole("button", { name: "Subscribe" }).click();
    await expect(form.getByRole("alert").textContent()).resolves.toMatch(/email address like ada@example.org/);
  });

  it("email, weekly and a topic, then Subscribe: check your inbox, and nothing is confirmed yet", async () => {
    await page.goto(`${baseUrl}/subscribe`);
    const form = page.getByRole("main");
    await form.getByLabel("Email address").fill(email);
    await form.getByRole("radio", { name: /Weekly/ }).check();
    await form.getByRole("checkbox", { name: topic.name, exact: true }).check();
    await form.getByRole("button", { name: "Subscribe" }).click();
    await form.getByRole("status").filter({ hasText: "Check your inbox" }).waitFor();
    await expect(form.getByRole("status").textContent()).resolves.toContain(email);
    expect(await status()).toBe("PENDING");
  });

  it("the emailed link opens a page with a Confirm button; pressing it shows the confirmed subscription", async () => {
    const link = await emailedLink(/https?:\/\/\S+\/subscribe\/confirm\/[A-Za-z0-9_-]{43}/);
    await page.goto(onTestServer(link));
    expect(await status()).toBe("PENDING"); // opening the link (as a mail scanner would) confirms nothing
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: /You're subscribed/ }).waitFor();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      `You're subscribed: weekly digest on Mondays, trending plus topics: ${topic.name}`,
    );
    await expect(page.getByRole("link", { name: "Manage preferences" }).getAttribute("href")).resolves.toMatch(
      /^\/preferences\/[A-Za-z0-9_-]{43}$/,
    );
    expect(await status()).toBe("CONFIRMED");
    await page.screenshot({ path: screenshotPath("subscribe-confirmed") });
  });

  it("the unsubscribe link only asks; the button unsubscribes", async () => {
    const { rows } = await pool.query<{ seed: string }>(
      `SELECT token_seed::text AS seed FROM subscriber WHERE email = $1`,
      [email],
    );
    // The link a digest would carry: derived from the seed with the test server's generated AUTH_SECRET.
    const token = subscriberLinkToken(rows[0]!.seed, authSecret({ configured: "", dataDir: inject("e2eDataDir") }));
    await page.goto(`${baseUrl}/unsubscribe/${token}`);
    expect(await status()).toBe("CONFIRMED");
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("heading", { name: "You're unsubscribed" }).waitFor();
    expect(await status()).toBe("UNSUBSCRIBED");
  });

  it("the footer box on every page subscribes too, without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    const footerEmail = `footer-${Date.now()}@example.org`;
    await noJs.goto(baseUrl);
    const footer = noJs.getByRole("contentinfo");
    await footer.getByLabel("Your email").fill(footerEmail);
    await footer.getByRole("button", { name: "Subscribe" }).click();
    await noJs.waitForLoadState("load");
    await expect(noJs.getByRole("contentinfo").getByRole("status").textContent()).resolves.toMatch(/Check your inbox/);
    const { rows } = await pool.query<{ status: string; frequency: string }>(
      `SELECT status, frequency FROM subscriber WHERE email = $1`,
      [footerEmail],
    );
    expect(rows).toEqual([{ status: "PENDING", frequency: "DAILY" }]);
    await context.close();
  });
});
