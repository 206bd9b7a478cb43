// An admin signs in, uploads three digests, reads their previews (escaped titles, already-imported notice), imports them,
// and finds the papers on the home page and in the history.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findLatestOutboxMessage } from "../../lib/mail/outbox";
import { launchBrowser, screenshotPath } from "./support/browser";
import { E2E_ADMIN_EMAIL } from "./support/global-setup";
import { seriousAxeViolations, waitForShortcuts } from "./support/pages";

const baseUrl = inject("baseUrl");
const outboxDir = path.join(inject("e2eDataDir"), "outbox");
const databaseUrl = inject("e2eDatabaseUrl");
const SAMPLE = path.resolve("prisma/seed/sample-digest-2025-04-30.txt");
const JSON_FILE = path.resolve("tests/fixtures/admin-upload-small.json");
const TEXT_FILE = path.resolve("tests/fixtures/admin-upload-small.txt");
const SCRIPT_TITLE = "<script>alert('pwned')</script> Tokens: Escaping Markup in Multimodal Captions";
const TEXT_TITLES = [
  "Audio-Visual Chain-of-Thought for Long Video Question Answering",
  "Tiny Vision Encoders Are Enough for Chart Reading",
];
const JSON_TITLES = (JSON.parse(readFileSync(JSON_FILE, "utf8")) as { paper: { title: string } }[]).map(
  (entry) => entry.paper.title,
);
// axe on a page with three previews takes a while on a busy two-core machine.
const AXE_TIMEOUT = 150_000;

let browser: Browser;
let page: Page;
let siteOrigin = baseUrl;
const dialogs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  // axe needs a page of an explicit context.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

/** The other browser tests expect the sample digest to be the latest: take this test's digests out again. */
afterAll(async () => {
  await browser?.close();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(`DELETE FROM paper WHERE title = ANY($1)`, [[...JSON_TITLES, ...TEXT_TITLES]]);
  await pool.query(`DELETE FROM digest WHERE date IN ('2025-05-06', '2025-05-07')`);
  await pool.query(`DELETE FROM import_run WHERE file_name LIKE 'admin-upload-small.%'`);
  await pool.query(`DELETE FROM import_preview WHERE created_by = $1`, [E2E_ADMIN_EMAIL]);
  await pool.query(`UPDATE tag SET paper_count = (SELECT count(*) FROM paper_tag pt WHERE pt.tag_id = tag.id)`);
  await pool.query(`SELECT paper_similar_refresh(array(SELECT id FROM paper))`);
  await pool.end();
});

async function signInLink(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const message = await findLatestOutboxMessage({ to: E2E_ADMIN_EMAIL }, { outboxDir });
    const link = message?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no sign-in email for ${E2E_ADMIN_EMAIL} in ${outboxDir}`);
}

const preview = (fileName: string) => page.locator(`section[data-preview="${fileName}"]`);
const countOf = async (fileName: string, label: string) =>
  Number(
    await preview(fileName)
      .locator("dl > div")
      .filter({ has: page.getByText(label, { exact: true }) })
      .locator("dd")
      .textContent(),
  );

describe("importing digests in the browser", () => {
  it(
    "the admin signs in with the emailed link and lands on /admin/imports, which has no serious axe violations",
    async () => {
      await page.goto(`${baseUrl}/admin/imports`);
      await page.waitForURL(/\/signin\?callbackUrl=/);
      await waitForShortcuts(page); // hydrated: the form posts through its action
      await page.getByLabel("Email address").fill(E2E_ADMIN_EMAIL);
      await page.getByRole("button", { name: "Email me a sign-in link" }).click();
      // The outbox is the mailbox here: follow the newest link sent to the admin. The session cookie belongs
      // to the host the link names (the server may call itself "localhost"), so the test carries on there.
      const link = await signInLink();
      siteOrigin = new URL(link).origin;
      await page.goto(link);
      await page.goto(`${siteOrigin}/admin/imports`);
      await page.waitForURL(/\/admin\/imports$/);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Import digests");
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
    AXE_TIMEOUT,
  );

  it(
    "three files show their previews: the sample as already imported, the new papers counted, a <script> title as text",
    async () => {
      await page.locator("[data-ready=true]").waitFor();
      await page.getByLabel("Digest files").setInputFiles([SAMPLE, JSON_FILE, TEXT_FILE]);
      for (const name of ["sample-digest-2025-04-30.txt", "admin-upload-small.json", "admin-upload-small.txt"]) {
        await preview(name).waitFor({ timeout: 30_000 });
      }

      const sample = preview("sample-digest-2025-04-30.txt");
      await expect(sample.getByRole("note").textContent()).resolves.toMatch(
        /^Already imported on .+ by seed: importing it again changes nothing\.$/,
      );
      await expect(sample.getByLabel("Digest date").inputValue()).resolves.toBe("2025-04-30");
      expect(await countOf("sample-digest-2025-04-30.txt", "Already known")).toBe(94);

      expect(await countOf("admin-upload-small.json", "New")).toBe(3);
      await expect(preview("admin-upload-small.json").getByLabel("Digest date").inputValue()).resolves.toBe(
        "2025-05-06",
      );
      const newTitles = await preview("admin-upload-small.json").locator("[data-new-paper]").allTextContents();
      expect(newTitles).toContain(`entry 1: ${SCRIPT_TITLE}`);
      expect(await countOf("admin-upload-small.txt", "New")).toBe(2);
      await expect(preview("admin-upload-small.txt").getByLabel("Digest date").inputValue()).resolves.toBe(
        "2025-05-07",
      );

      // The title is text in the page, not an element: no script ran and no <script> element carries it.
      expect(dialogs).toEqual([]);
      expect(
        await page.evaluate(() =>
          [...document.querySelectorAll("script")].some((script) => script.textContent?.includes("pwned")),
        ),
      ).toBe(false);
      await page.screenshot({ path: screenshotPath("admin-imports-preview"), fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
    AXE_TIMEOUT,
  );

  it("Import commits each file; the already-imported sample changes nothing", async () => {
    for (const name of ["admin-upload-small.json", "admin-upload-small.txt", "sample-digest-2025-04-30.txt"]) {
      await page.getByRole("button", { name: `Import ${name}` }).click();
      await page.locator(`[data-imported="${name}"]`).waitFor({ timeout: 30_000 });
    }
    await expect(page.locator('[data-imported="admin-upload-small.json"]').textContent()).resolves.toMatch(
      /imported \(digest 2025-05-06\)3 new/,
    );
    await expect(page.locator('[data-imported="admin-upload-small.txt"]').textContent()).resolves.toMatch(
      /imported \(digest 2025-05-07\)2 new/,
    );
    await expect(page.locator('[data-imported="sample-digest-2025-04-30.txt"]').textContent()).resolves.toMatch(
      /already imported, nothing changed.*0 new, 0 updated/,
    );
  });

  it("Cancel drops a file's preview and says nothing was imported", async () => {
    await page.getByLabel("Digest files").setInputFiles([TEXT_FILE]);
    await preview("admin-upload-small.txt").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Cancel admin-upload-small.txt" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "admin-upload-small.txt: cancelled; nothing was imported." })
      .waitFor();
    await expect(preview("admin-upload-small.txt").count()).resolves.toBe(0);
  });

  it("the history lists the new imports by the admin, and a run's page links its papers", async () => {
    await page.reload();
    const row = page.locator('tr[data-run-file="admin-upload-small.json"]').first();
    await expect(row.textContent()).resolves.toContain(`by ${E2E_ADMIN_EMAIL}`);
    await expect(row.textContent()).resolves.toContain("Hugging Face JSON");
    await row.getByRole("link", { name: "admin-upload-small.json" }).click();
    await page.waitForURL(/\/admin\/imports\/\d+$/);
    const links = page.locator("main ol li a");
    await expect(links.allTextContents()).resolves.toEqual(JSON_TITLES);
    await expect(links.first().getAttribute("href")).resolves.toMatch(/^\/papers\/[^/]+$/);
  });

  it("the new papers are in the catalogue: newest first on the home page, the <script> title still as text", async () => {
    await page.goto(`${siteOrigin}/?sort=new`);
    const titles = await page.locator("article[data-paper-card] h2 a").allTextContents();
    expect(titles.slice(0, 5).sort()).toEqual([...TEXT_TITLES, ...JSON_TITLES].sort());
    expect(dialogs).toEqual([]);
  });
});
