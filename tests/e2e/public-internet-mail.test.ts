// Issue 11 over HTTP, part 1: links in emails and the sign-in throttles, against a server of this file's own
// with SITE_URL unset on a port other than 3000 (as `npm start` on a laptop, or a server someone forgot to configure).
//
// Assumptions where the spec (notes/issue11-spec.md) leaves room:
// - With SITE_URL unset the site's origin is http://localhost:<port>; the tests reach the server there too.
// - The server-action attacks are replayed from a script without an Origin header: Next refuses an action whose
//   Origin differs from its (X-Forwarded-)Host, but lets an Origin-less one through, which is what an attacker sends.
//   (A browser with an extra X-Forwarded-Host header would be refused by that check and prove nothing.)
// - Throttle counters live in rate_limit_event (lib/throttle/store.ts); the throttle tests empty it first so each
//   starts from a clean hour.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findLatestOutboxMessage, type OutboxMessage } from "../../lib/mail/outbox";
import { launchBrowser } from "./support/browser";
import { startOwnServer, type OwnServer } from "./support/own-server";
import { APP_LINK, linksIn, postSignInEmail, signInAccepted, waitForMail } from "./support/raw-http";
import { captureFormAction, replayAction, type CapturedAction } from "./support/server-action";

const run = promisify(execFile);
const EVIL = "evil.example";

let server: OwnServer;
let origin: string;
let pool: pg.Pool;
let browser: Browser;
let topicName: string;

beforeAll(async () => {
  server = await startOwnServer({ host: "localhost" });
  origin = `http://localhost:${server.port}`;
  pool = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
  // The seeded digest is tagged at import; a topic is added only if the taxonomy left none.
  await pool.query(
    `INSERT INTO tag (slug, name, kind) SELECT 'e2e-topic', 'E2E topic', 'TOPIC' WHERE NOT EXISTS (SELECT 1 FROM tag WHERE kind = 'TOPIC')`,
  );
  topicName = (await pool.query<{ name: string }>(`SELECT name FROM tag WHERE kind = 'TOPIC' ORDER BY name LIMIT 1`))
    .rows[0]!.name;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await pool?.end();
  await server?.stop();
});

const unique = (label: string) => `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

/** Nothing in the message names the forged host, and every link into the app starts with the site's origin. */
function expectLinksOnSite(message: OutboxMessage): string[] {
  const links = linksIn(message);
  expect(links.filter((link) => link.includes(EVIL))).toEqual([]);
  expect(`${message.text}\n${message.html}\n${JSON.stringify(message.headers ?? {})}`).not.toContain(EVIL);
  const appLinks = links.filter((link) => APP_LINK.test(new URL(link).pathname));
  expect(appLinks.length).toBeGreaterThan(0);
  for (const link of appLinks) expect(link.startsWith(`${origin}/`), `${link} should start with ${origin}/`).toBe(true);
  return appLinks;
}

/** Forged headers a client can send; none of them may change a link. */
const FORGED: [string, Record<string, string>][] = [
  ["X-Forwarded-Host", { "x-forwarded-host": EVIL }],
  ["Host", { host: EVIL }],
  [
    "X-Forwarded-Host with X-Forwarded-Proto and -Port",
    { "x-forwarded-host": EVIL, "x-forwarded-proto": "https", "x-forwarded-port": "443" },
  ],
];

async function fillSignIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
}

async function fillSubscribe(page: Page, email: string): Promise<void> {
  const form = page.getByRole("main");
  await form.getByLabel("Email address").fill(email);
  await form.getByRole("radio", { name: /Weekly/ }).check();
  await form.getByRole("checkbox", { name: topicName, exact: true }).check();
  await form.getByRole("button", { name: "Subscribe" }).click();
}

describe("one origin for every link (SITE_URL unset, a port other than 3000)", () => {
  const captureEmail = "captured-form@example.org";
  let signInAction: CapturedAction;
  let subscribeAction: CapturedAction;

  beforeAll(async () => {
    signInAction = await captureFormAction(browser, origin, "/signin", (page) => fillSignIn(page, captureEmail));
    subscribeAction = await captureFormAction(browser, origin, "/subscribe", (page) =>
      fillSubscribe(page, captureEmail),
    );
  });

  it("the web server writes the origin it serves on to <dataDir>/site-url for the CLIs and the worker", () => {
    expect(readFileSync(path.join(server.dataDir, "site-url"), "utf8").trim()).toBe(origin);
  });

  it.each(FORGED)(
    "POST /api/auth/signin/email with a forged %s header mails a magic link to the site",
    async (_name, headers) => {
      const email = unique("route-victim");
      const response = await postSignInEmail(server.baseUrl, email, { headers });
      expect(signInAccepted(response), `answer ${response.status} ${String(response.headers.location ?? "")}`).toBe(
        true,
      );
      const links = expectLinksOnSite(await waitForMail(server.outboxDir, email));
      expect(links.some((link) => link.startsWith(`${origin}/api/auth/callback/email?`))).toBe(true);
    },
  );

  it.each(FORGED)(
    "the sign-in form's server action with a forged %s header mails a magic link to the site (or none)",
    async (_name, headers) => {
      const email = unique("action-victim");
      const response = await replayAction(server.baseUrl, signInAction, captureEmail, email, headers);
      expect(response.status).toBeLessThan(600);
      // A server may refuse the forged request outright; if it sends an email, its link must be ours.
      const message = await waitForMail(server.outboxDir, email, 3_000).catch(() => null);
      if (message) expectLinksOnSite(message);
    },
  );

  it("the same server action without forged headers still mails a link to the site (the check above is not vacuous)", async () => {
    const email = unique("action-plain");
    await replayAction(server.baseUrl, signInAction, captureEmail, email, {});
    const links = expectLinksOnSite(await waitForMail(server.outboxDir, email));
    expect(links.some((link) => link.startsWith(`${origin}/api/auth/callback/email?`))).toBe(true);
  });

  it.each(FORGED)(
    "the subscribe form's action with a forged %s header mails a confirmation whose links are the site's",
    async (_name, headers) => {
      const email = unique("subscribe-victim");
      await replayAction(server.baseUrl, subscribeAction, captureEmail, email, headers);
      const links = expectLinksOnSite(await waitForMail(server.outboxDir, email));
      expect(links.some((link) => link.startsWith(`${origin}/subscribe/confirm/`))).toBe(true);
    },
  );

  it("the 'already subscribed' email to a confirmed subscriber carries preference and unsubscribe links of the site, whatever the Host", async () => {
    const email = unique("confirmed");
    await replayAction(server.baseUrl, subscribeAction, captureEmail, email, {});
    await waitForMail(server.outboxDir, email);
    await pool.query(`UPDATE subscriber SET status = 'CONFIRMED', confirmed_at = now() WHERE email = $1`, [email]);
    const first = (await findLatestOutboxMessage({ to: email }, { outboxDir: server.outboxDir }))!.id;

    await replayAction(server.baseUrl, subscribeAction, captureEmail, email, { "x-forwarded-host": EVIL, host: EVIL });
    let message: OutboxMessage | null = null;
    for (let attempt = 0; attempt < 50 && (!message || message.id === first); attempt++) {
      message = await findLatestOutboxMessage({ to: email }, { outboxDir: server.outboxDir });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(message?.id, "a second email (already subscribed)").not.toBe(first);
    const links = expectLinksOnSite(message!);
    expect(links.some((link) => link.startsWith(`${origin}/preferences/`))).toBe(true);
    expect(links.some((link) => link.includes("/unsubscribe/"))).toBe(true);
  });

  it("a test digest sent from the command line links to the port the server runs on, not to localhost:3000", async () => {
    const email = unique("digest-reader");
    await replayAction(server.baseUrl, subscribeAction, captureEmail, email, {});
    await waitForMail(server.outboxDir, email);
    const before = (await findLatestOutboxMessage({ to: email }, { outboxDir: server.outboxDir }))!.id;
    // As `npm run digest -- send --to` runs it beside `npm start`: same data dir and database, no PORT, no SITE_URL.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: server.databaseUrl,
      PAPERPULSE_DATA_DIR: server.dataDir,
      RESEND_API_KEY: "",
      NODE_ENV: "production",
    };
    for (const name of ["PORT", "SITE_URL", "AUTH_URL"]) delete env[name];
    await run(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "./scripts/support/allow-server-only.mjs",
        "scripts/digest.ts",
        "send",
        "--to",
        email,
        "--now",
        "2025-05-01T09:00:00Z",
      ],
      { cwd: process.cwd(), env },
    );
    const digest = (await findLatestOutboxMessage({ to: email }, { outboxDir: server.outboxDir }))!;
    expect(digest.id, "the digest email").not.toBe(before);
    const links = expectLinksOnSite(digest);
    expect(links.some((link) => link.startsWith(`${origin}/papers/`))).toBe(true);
    expect(JSON.stringify(digest.headers)).not.toContain("localhost:3000");
    const listUnsubscribe = Object.entries(digest.headers).find(
      ([name]) => name.toLowerCase() === "list-unsubscribe",
    )?.[1];
    expect(listUnsubscribe).toContain(`<${origin}/`);
  });
});

describe("sign-in throttles that hold (no TRUST_PROXY)", () => {
  beforeEach(async () => {
    await pool.query("DELETE FROM rate_limit_event");
  });

  it("21 requests from one socket, each with another X-Forwarded-For (and X-Real-IP, Forwarded), hit the per-client limit of 20", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 21; i++) {
      const address = `203.0.113.${i}`;
      const response = await postSignInEmail(server.baseUrl, `rotate-${i}-${Date.now()}@example.org`, {
        headers: { "x-forwarded-for": address, "x-real-ip": address, forwarded: `for=${address}` },
      });
      statuses.push(response.status);
      if (i === 21 && response.status === 429) {
        expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
        expect((JSON.parse(response.body) as { error: string }).error).toMatch(/\S/);
      }
    }
    expect(statuses.slice(0, 20).filter((status) => status === 429)).toEqual([]);
    expect(statuses[20]).toBe(429);
  });

  it("victim+1@ to victim+5@ and then VICTIM@ share one mailbox's allowance of 5: the 6th request gets 429", async () => {
    const statuses: number[] = [];
    for (const email of [
      "victim+1@x.test",
      "victim+2@x.test",
      "Victim+3@x.test",
      "victim+4@X.test",
      "victim+5@x.test",
      "VICTIM@x.test",
    ]) {
      statuses.push((await postSignInEmail(server.baseUrl, email)).status);
    }
    expect(statuses.slice(0, 5).filter((status) => status === 429)).toEqual([]);
    expect(statuses[5]).toBe(429);
    expect((await postSignInEmail(server.baseUrl, "victim+anything@x.test")).status).toBe(429);
    // Another mailbox on the same domain still gets its link.
    expect((await postSignInEmail(server.baseUrl, "someone-else@x.test")).status).not.toBe(429);
  });
});
