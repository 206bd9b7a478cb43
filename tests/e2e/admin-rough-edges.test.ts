// What a new admin noticed (issue 15): previews say under which title a paper is known and what a file only adds,
// refused uploads reach the history, a stale preview says it was imported meanwhile, the history fits 1280 and
// 390 px, and tags of markup or blanks are explained in place.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { importDigest } from "../../lib/ingest/import";
import { launchBrowser, screenshotPath } from "./support/browser";
import { horizontalOverflow, waitForShortcuts } from "./support/pages";
import { SESSION_COOKIE, signedInVisitor, type Visitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const KNOWN_TITLE = "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts";
const STALE_TITLE = `Stale Preview Paper ${randomBytes(3).toString("hex")}`;

let browser: Browser;
let pool: pg.Pool;
let admin: Visitor;
const contexts: BrowserContext[] = [];

async function pageAt(width: number, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  await context.addCookies([{ name: SESSION_COOKIE, value: admin.cookie.split("=")[1]!, url: baseUrl }]);
  return context.newPage();
}

const hfEntry = (paper: { id: string; title: string; summary: string }) => ({
  paper: { ...paper, authors: [{ name: "Ada Lovelace" }], publishedAt: "2025-05-05T08:00:00.000Z", upvotes: 12 },
  title: paper.title,
});
const jsonFile = (name: string, entries: object[]) => ({
  name,
  mimeType: "application/json",
  buffer: Buffer.from(JSON.stringify(entries)),
});

beforeAll(async () => {
  browser = await launchBrowser();
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  admin = await signedInVisitor(databaseUrl, `admin-edges-${randomBytes(4).toString("hex")}@example.org`, "ADMIN");
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await pool.query(`UPDATE paper SET arxiv_id = NULL WHERE arxiv_id = '2405.99001'`);
  await pool.query(`DELETE FROM import_preview WHERE created_by = $1`, [admin.email]);
  await pool.query(`DELETE FROM paper WHERE title = $1`, [STALE_TITLE]);
  await pool.query(`DELETE FROM digest WHERE date = '2025-03-03'`);
  await pool.query(`DELETE FROM import_run WHERE file_name IN ('stale.txt', 'photo.png')`);
  await pool.end();
});

describe("the import preview's changed papers", () => {
  it("say under which title a paper matched by arXiv id is known, and what a file only adds", async () => {
    const {
      rows: [known],
    } = await pool.query<{ abstract: string }>(
      `UPDATE paper SET arxiv_id = '2405.99001' WHERE title = $1 RETURNING abstract`,
      [KNOWN_TITLE],
    );
    const {
      rows: [same],
    } = await pool.query<{ title: string; abstract: string }>(
      `SELECT title, abstract FROM paper WHERE title <> $1 AND authors = '{}' ORDER BY id LIMIT 1`,
      [KNOWN_TITLE],
    );
    const page = await pageAt(1280);
    await page.goto(`${baseUrl}/admin/imports`);
    await page.locator("[data-ready=true]").waitFor();
    await page
      .getByLabel("Digest files")
      .setInputFiles([
        jsonFile("retitled.json", [
          hfEntry({ id: "2405.99001", title: "Uni-MoE 2: A Journal Version", summary: known!.abstract }),
        ]),
        jsonFile("authors-only.json", [hfEntry({ id: "2405.99002", title: same!.title, summary: same!.abstract })]),
      ]);
    const retitled = page.locator('section[data-preview="retitled.json"]');
    const authorsOnly = page.locator('section[data-preview="authors-only.json"]');
    await retitled.waitFor({ timeout: 30_000 });
    await authorsOnly.waitFor({ timeout: 30_000 });

    await expect(retitled.locator("[data-known-as]").textContent()).resolves.toBe(
      `Matched by its arXiv id: the catalogue knows it as “${KNOWN_TITLE}”, and that title and its address stay.`,
    );
    await expect(retitled.locator("[data-adds]").textContent()).resolves.toBe(
      "Only adds authors and upstream upvotes; its title and abstract stay.",
    );
    await expect(authorsOnly.locator("[data-adds]").textContent()).resolves.toBe(
      "Only adds authors and upstream upvotes; its title and abstract stay.",
    );
    await expect(authorsOnly.locator("[data-known-as]").count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath("admin-imports-changed-papers"), fullPage: true });
    for (const name of ["retitled.json", "authors-only.json"])
      await page.getByRole("button", { name: `Cancel ${name}` }).click();
  });
});

describe("uploads that cannot be imported", () => {
  it("a binary file is refused on the page and listed in the history with its reason", async () => {
    const page = await pageAt(1280);
    await page.goto(`${baseUrl}/admin/imports`);
    await page.locator("[data-ready=true]").waitFor();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await page.getByLabel("Digest files").setInputFiles([{ name: "photo.png", mimeType: "image/png", buffer: png }]);
    await page.getByRole("alert").filter({ hasText: "photo.png" }).waitFor();
    await page.reload();
    const row = page.locator('tr[data-run-file="photo.png"]').first();
    await expect(row.textContent()).resolves.toContain("rejected");
    await expect(row.locator("[data-run-error]").textContent()).resolves.toMatch(
      /neither a text digest nor Hugging Face JSON: .*a PNG image/,
    );
  });

  it("a preview whose file was imported elsewhere meanwhile says so on Import and after a reload, instead of offering New 1", async () => {
    const text = `Mar 3, 2025\n\n${STALE_TITLE}\n\nAn abstract about stale previews.\n`;
    const page = await pageAt(1280);
    await page.goto(`${baseUrl}/admin/imports`);
    await page.locator("[data-ready=true]").waitFor();
    await page
      .getByLabel("Digest files")
      .setInputFiles([{ name: "stale.txt", mimeType: "text/plain", buffer: Buffer.from(text) }]);
    const card = page.locator('section[data-preview="stale.txt"]');
    await card.waitFor({ timeout: 30_000 });
    const newCount = () =>
      card
        .locator("dl > div")
        .filter({ has: page.getByText("New", { exact: true }) })
        .locator("dd")
        .textContent();
    await expect(newCount()).resolves.toBe("1");

    const bytes = Buffer.from(text);
    const source = {
      name: "stale.txt",
      size: bytes.byteLength,
      open: async function* () {
        yield bytes;
      },
    };
    await importDigest(pool, source, { today: "2025-05-01", importedBy: "cli:curator" });

    await page.getByRole("button", { name: "Import stale.txt" }).click();
    await expect(card.getByRole("alert").textContent()).resolves.toMatch(
      /^stale\.txt was imported on .+ by cli:curator after this preview was made: importing it again would change nothing/,
    );
    await expect(newCount()).resolves.toBe("0");
    await expect(card.getByRole("note").textContent()).resolves.toMatch(/^Already imported on .+ by cli:curator/);

    await page.reload();
    await expect(page.locator('section[data-preview="stale.txt"]').getByRole("note").textContent()).resolves.toMatch(
      /^Already imported/,
    );
  });
});

describe("the import history", () => {
  for (const width of [1280, 390]) {
    it(`is readable at ${width} px: every column on screen, the importer on one line`, async () => {
      const page = await pageAt(width, 1200);
      await page.goto(`${baseUrl}/admin/imports#history`);
      const row = page.locator("#history tbody tr").first();
      await row.waitFor();
      expect(await horizontalOverflow(page)).toBe(0);
      const boxes = await row
        .locator("td")
        .evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes).toHaveLength(4);
      for (const box of boxes) {
        expect(box.width).toBeGreaterThan(0);
        expect(box.right).toBeLessThanOrEqual(width);
      }
      const byLine = await row
        .locator("td")
        .first()
        .locator("span")
        .first()
        .evaluate((span) => span.getBoundingClientRect().height);
      expect(byLine).toBeLessThan(24);
      await page.screenshot({ path: screenshotPath(`admin-imports-history-${width}`), fullPage: false });
    });
  }
});

describe("tags", () => {
  it("markup and blank names are refused in place, saying why; a name of words and dashes is added", async () => {
    const page = await pageAt(1280);
    const {
      rows: [paper],
    } = await pool.query<{ slug: string }>(`SELECT slug FROM paper ORDER BY id LIMIT 1`);
    await page.goto(`${baseUrl}/papers/${paper!.slug}`);
    await waitForShortcuts(page);
    const input = page.getByLabel("Add tags (comma-separated)");
    const message = page.locator("#tag-message");

    await input.fill("<script>alert(1)</script>");
    await page.getByRole("button", { name: "Add tag" }).click();
    await expect(message.textContent()).resolves.toBe(
      "Tags are made of words, numbers and “-”: “<script>alert(1)</script>” has “<”, “>”, “(”, “)” and “/”.",
    );
    await expect(input.getAttribute("aria-invalid")).resolves.toBe("true");

    await input.fill("   ");
    await page.getByRole("button", { name: "Add tag" }).click();
    await expect(message.textContent()).resolves.toBe("Type a tag name (separate several with commas).");

    await input.fill("edge-case tag");
    await page.getByRole("button", { name: "Add tag" }).click();
    await page.getByRole("list", { name: "Your tags on this paper" }).getByText("edge-case tag").waitFor();
    await expect(message.textContent()).resolves.toBe("");
    const { rows } = await pool.query(`SELECT slug FROM tag WHERE slug LIKE '%script%'`);
    expect(rows).toEqual([]);
  });
});
