// Authors, follows and saved searches in the browser (issue 17): an author's page and feed from a paper's author
// link, following from the author and paper pages, saving a search with its filters, /me listing and removing
// them, the refusals (the 100-search limit, an unknown author, unfollowing twice), and the emailed preferences
// link of a subscriber without an account.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "../../lib/auth/secret";
import { MAX_SAVED_SEARCHES } from "../../lib/saved-searches/input";
import { subscriberLinkToken } from "../../lib/subscribers/token";
import { launchBrowser, screenshotPath } from "./support/browser";
import { seriousAxeViolations, waitForShortcuts } from "./support/pages";
import { SESSION_COOKIE, signedInVisitor, type Visitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const run = randomBytes(4).toString("hex");

/** The author of every paper below, spelled with accents and a hyphen: the page's slug is its normalised key. */
const AUTHOR = "Zoë Ärlander-Quill";
/** Co-author of the newest paper only: followed from the paper page. */
const CO_AUTHOR = "Bram Quillsen";
const PAPERS = 23;
/** Titles by day: paper n was first seen on 2024-01-n (days before the seeded sample, so other lists keep their heads). */
const titleOf = (n: number) =>
  n === PAPERS ? `Quillwort survey ${n}: <b>bold</b> & "quoted" claims` : `Quillwort survey ${n} of ${run}`;
const NEWEST_TITLE = titleOf(PAPERS);
const TOPIC = { slug: `e2e-quill-topic-${run}`, name: `E2E quill topic ${run}` };

let pool: pg.Pool;
let browser: Browser;
let authorSlug: string;
let newestPaperSlug: string;
const contexts: BrowserContext[] = [];
/** The page a test opened last: photographed when the test fails (test-results/screenshots). */
let lastPage: Page | undefined;
/** Every answer of 500 or more the browser saw: none is allowed. */
const serverErrors: string[] = [];

async function newPage(visitor?: Visitor): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  if (visitor) await context.addCookies([{ name: SESSION_COOKIE, value: visitor.cookie.split("=")[1]!, url: baseUrl }]);
  const page = await context.newPage();
  lastPage = page;
  page.on("response", (response) => {
    if (response.status() >= 500)
      serverErrors.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return page;
}

function visitor(name: string): Promise<Visitor> {
  return signedInVisitor(databaseUrl, `${name}-${run}@example.org`);
}

/** A subscriber without an account, and the token its emails' preferences link carries. */
async function subscriber(name: string, status: "CONFIRMED" | "UNSUBSCRIBED"): Promise<{ id: number; token: string }> {
  const { rows } = await pool.query<{ id: number; seed: string }>(
    `INSERT INTO subscriber (email, status, confirmed_at, unsubscribed_at)
     VALUES ($1, $2::"SubscriberStatus", now(), CASE WHEN $2 = 'UNSUBSCRIBED' THEN now() END)
     RETURNING id, token_seed::text AS seed`,
    [`${name}-${run}@example.org`, status],
  );
  // Derived as a digest would, with the test server's generated AUTH_SECRET.
  const token = subscriberLinkToken(rows[0]!.seed, authSecret({ configured: "", dataDir: inject("e2eDataDir") }));
  return { id: rows[0]!.id, token };
}

/** Opens a page and waits until it has hydrated, so its forms answer in place. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await waitForShortcuts(page);
}

const cardTitles = (page: Page) => page.locator("article[data-paper-card] a[data-paper-link]").allTextContents();
/** A section by its heading (sections labelled by their heading are regions). */
const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const { rows: tagRows } = await pool.query<{ id: number }>(
    `INSERT INTO tag (slug, name, kind) VALUES ($1, $2, 'USER') RETURNING id`,
    [TOPIC.slug, TOPIC.name],
  );
  for (let n = 1; n <= PAPERS; n++) {
    const slug = `e2e-quillwort-${run}-${n}`;
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO paper (slug, title_key, title, abstract, first_seen, authors)
       VALUES ($1, $1, $2, $3, $4::date, $5) RETURNING id`,
      [
        slug,
        titleOf(n),
        `A quillwort note, number ${n}.`,
        `2024-01-${String(n).padStart(2, "0")}`,
        n === PAPERS ? [AUTHOR, CO_AUTHOR] : [AUTHOR],
      ],
    );
    // The topic the author "publishes in": an automatic tag, as import's tagging leaves them.
    await pool.query(`INSERT INTO paper_tag (paper_id, tag_id, automatic) VALUES ($1, $2, true)`, [
      rows[0]!.id,
      tagRows[0]!.id,
    ]);
    if (n === PAPERS) newestPaperSlug = slug;
  }
  const { rows } = await pool.query<{ key: string }>(`SELECT author_key($1) AS key`, [AUTHOR]);
  authorSlug = rows[0]!.key.replace(/ /g, "-");
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  if (pool) {
    // Leave the shared database as the other browser tests expect it: their lists and topics without these.
    await pool.query(`DELETE FROM paper WHERE slug LIKE $1`, [`e2e-quillwort-${run}-%`]);
    await pool.query(`DELETE FROM tag WHERE slug = $1`, [TOPIC.slug]);
    await pool.query(`DELETE FROM app_user WHERE email LIKE $1`, [`%-${run}@example.org`]);
    await pool.query(`DELETE FROM subscriber WHERE email LIKE $1`, [`%-${run}@example.org`]);
    await pool.end();
  }
});

afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && lastPage && !lastPage.isClosed()) {
    await lastPage.screenshot({
      path: screenshotPath(`follows-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`),
    });
  }
  lastPage = undefined;
});

describe("an author's page", () => {
  it("a paper page's author name links to the author's page: count, topics, newest first, 20 a page", async () => {
    const page = await newPage();
    await open(page, `/papers/${newestPaperSlug}`);
    await page.getByRole("link", { name: AUTHOR, exact: true }).first().click();
    await page.waitForURL(`${baseUrl}/authors/${authorSlug}`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(AUTHOR);
    await page.getByText(`${PAPERS} papers`, { exact: false }).first().waitFor();
    const topics = region(page, "Publishes in");
    await expect(topics.getByRole("link", { name: new RegExp(TOPIC.name) }).getAttribute("href")).resolves.toBe(
      `/tags/${TOPIC.slug}`,
    );
    await expect(topics.getByRole("link", { name: new RegExp(TOPIC.name) }).textContent()).resolves.toContain(
      String(PAPERS),
    );

    const newestFirst = Array.from({ length: PAPERS }, (_, i) => titleOf(PAPERS - i));
    expect(await cardTitles(page)).toEqual(newestFirst.slice(0, 20));
    // The title's markup is text on the page, never elements.
    await expect(page.locator("article[data-paper-card] b").count()).resolves.toBe(0);
    await expect(page.getByRole("navigation", { name: "Pagination" }).textContent()).resolves.toContain("Page 1 of 2");
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /Next/ }).click();
    await page.waitForURL(/\?page=2$/);
    await page.getByRole("navigation", { name: "Pagination" }).getByText("Page 2 of 2").waitFor();
    expect(await cardTitles(page)).toEqual(newestFirst.slice(20));
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("links its RSS feed, which answers XML with the titles escaped", async () => {
    const page = await newPage();
    await open(page, `/authors/${authorSlug}`);
    const feedPath = `/authors/${authorSlug}/feed.xml`;
    await expect(
      page.locator('link[rel="alternate"][type="application/rss+xml"]').first().getAttribute("href"),
    ).resolves.toMatch(new RegExp(`${feedPath}$`));
    const visible = page.getByRole("link", { name: `RSS feed of papers by ${AUTHOR}` });
    await expect(visible.getAttribute("href")).resolves.toBe(feedPath);

    const response = await page.request.get(`${baseUrl}${feedPath}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/xml/);
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain(`<title>PaperPulse: papers by ${AUTHOR}</title>`);
    expect(xml).toContain("Quillwort survey 23: &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; claims");
    expect(xml).not.toContain("<b>bold</b>");
    // Newest first, as the page lists them.
    expect(xml.indexOf(titleOf(22))).toBeLessThan(xml.indexOf(titleOf(21)));
  });

  it("an author no paper lists is a 404 page, and so is their feed", async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/authors/nobody-quillwort-${run}`);
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("Page not found");
    expect((await page.request.get(`${baseUrl}/authors/nobody-quillwort-${run}/feed.xml`)).status()).toBe(404);
  });
});

describe("following authors", () => {
  it("from the author page and the paper page, then /me lists both with their newest papers and removes them", async () => {
    const reader = await visitor("follower");
    const page = await newPage(reader);

    await open(page, `/authors/${authorSlug}`);
    await page.getByRole("button", { name: `Follow ${AUTHOR}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Following ${AUTHOR}` })
      .waitFor();
    await page.getByRole("button", { name: `Unfollow ${AUTHOR}` }).waitFor();

    await open(page, `/papers/${newestPaperSlug}`);
    const picker = page.getByRole("form", { name: "Follow an author of this paper" });
    await picker.getByRole("combobox").selectOption({ label: CO_AUTHOR });
    await picker.getByRole("button", { name: "Follow" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Following ${CO_AUTHOR}` })
      .waitFor();

    await open(page, "/me");
    const following = region(page, "Following");
    const authors = following.getByRole("region", { name: "Followed authors" });
    const items = authors.getByRole("listitem").filter({ has: page.getByRole("form") });
    // By name; each with its newest papers, newest first.
    await expect(items.locator("a[href^='/authors/']").allTextContents()).resolves.toEqual([CO_AUTHOR, AUTHOR]);
    const mine = items.filter({ has: page.getByRole("link", { name: AUTHOR, exact: true }) });
    await expect(mine.locator("a[href^='/papers/']").allTextContents()).resolves.toEqual([
      titleOf(23),
      titleOf(22),
      titleOf(21),
    ]);
    const theirs = items.filter({ has: page.getByRole("link", { name: CO_AUTHOR, exact: true }) });
    await expect(theirs.locator("a[href^='/papers/']").allTextContents()).resolves.toEqual([NEWEST_TITLE]);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await following
      .getByRole("form", { name: `Unfollow ${CO_AUTHOR}` })
      .getByRole("button")
      .click();
    await authors.getByRole("link", { name: CO_AUTHOR, exact: true }).waitFor({ state: "detached" });
    await following
      .getByRole("form", { name: `Unfollow ${AUTHOR}` })
      .getByRole("button")
      .click();
    await authors.getByText(/You follow no authors yet/).waitFor();
    await page.reload();
    await region(page, "Followed authors")
      .getByText(/You follow no authors yet/)
      .waitFor();
    const { rows } = await pool.query(`SELECT 1 FROM author_follow WHERE user_id = $1`, [reader.userId]);
    expect(rows).toHaveLength(0);
  });

  it("unfollowing twice (a second tab still showing Unfollow) says it is already done, not an error", async () => {
    const reader = await visitor("twice");
    const first = await newPage(reader);
    await open(first, `/authors/${authorSlug}`);
    await first.getByRole("button", { name: `Follow ${AUTHOR}` }).click();
    await first.getByRole("button", { name: `Unfollow ${AUTHOR}` }).waitFor();

    const second = await newPage(reader);
    await open(second, `/authors/${authorSlug}`);
    await second.getByRole("button", { name: `Unfollow ${AUTHOR}` }).waitFor();

    await first.getByRole("button", { name: `Unfollow ${AUTHOR}` }).click();
    await first
      .getByRole("status")
      .filter({ hasText: `Unfollowed ${AUTHOR}.` })
      .waitFor();
    await second.getByRole("button", { name: `Unfollow ${AUTHOR}` }).click();
    await second.getByRole("status").filter({ hasText: "Not followed (already removed)." }).waitFor();
    await expect(second.getByRole("main").getByRole("alert").count()).resolves.toBe(0);
    await second.getByRole("button", { name: `Follow ${AUTHOR}` }).waitFor();
  });

  it("following an author no paper lists is refused with a message naming them (the 404 of lib/follows)", async () => {
    const reader = await visitor("nobody");
    const page = await newPage(reader);
    await open(page, `/authors/${authorSlug}`);
    const form = page.getByRole("form", { name: `Follow ${AUTHOR}` });
    // A page from before the author's papers were removed, or a hand-edited form: the slug names no one.
    await form.locator('input[name="author"]').evaluate((input, slug) => {
      (input as HTMLInputElement).value = slug;
    }, `nobody-quillwort-${run}`);
    await form.getByRole("button").click();
    await expect(form.getByRole("alert").textContent()).resolves.toMatch(
      new RegExp(`No author named “nobody-quillwort-${run}” in the catalogue`),
    );
    const { rows } = await pool.query(`SELECT 1 FROM author_follow WHERE user_id = $1`, [reader.userId]);
    expect(rows).toHaveLength(0);
  });
});

describe("saved searches", () => {
  const markupName = `<img src=x onerror="window.__pwned=1"> Quill & co`;

  it("saves the search on screen with its filters under a name with markup, shown as text on /me, and removes it", async () => {
    const reader = await visitor("saver");
    const page = await newPage(reader);
    await open(page, `/search?q=quillwort&from=2024-01-01&to=2024-01-31`);
    const form = page.getByRole("form", { name: "Save this search" });
    await expect(form.getByLabel("Name").inputValue()).resolves.toBe("quillwort");
    await form.getByLabel("Name").fill(markupName);
    await form.getByRole("button", { name: "Save this search" }).click();
    await form
      .getByRole("status")
      .filter({ hasText: `Saved “${markupName}”` })
      .waitFor();
    const { rows } = await pool.query<{ name: string; query: string }>(
      `SELECT name, query FROM saved_search WHERE user_id = $1`,
      [reader.userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe(markupName);
    const saved = new URLSearchParams(rows[0]!.query);
    expect([saved.get("q"), saved.get("from"), saved.get("to")]).toEqual(["quillwort", "2024-01-01", "2024-01-31"]);

    // The same search again is refused, naming the one already saved.
    await form.getByRole("button", { name: "Save this search" }).click();
    await form.getByRole("alert").filter({ hasText: "This search is already saved as" }).waitFor();

    await open(page, "/me");
    const searches = region(page, "Following").getByRole("region", { name: "Saved searches" });
    const link = searches.getByRole("link", { name: markupName, exact: true });
    await expect(link.textContent()).resolves.toBe(markupName);
    const href = new URL((await link.getAttribute("href"))!, baseUrl);
    expect(href.pathname).toBe("/search");
    expect([href.searchParams.get("q"), href.searchParams.get("from"), href.searchParams.get("to")]).toEqual([
      "quillwort",
      "2024-01-01",
      "2024-01-31",
    ]);
    await expect(searches.locator("img").count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    const item = searches
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: markupName, exact: true }) });
    await expect(item.locator("a[href^='/papers/']").first().textContent()).resolves.toBe(NEWEST_TITLE);

    await searches
      .getByRole("form", { name: `Remove the saved search ${markupName}` })
      .getByRole("button")
      .click();
    await searches.getByText(/No saved searches yet/).waitFor();
    const after = await pool.query(`SELECT 1 FROM saved_search WHERE user_id = $1`, [reader.userId]);
    expect(after.rows).toHaveLength(0);
  });

  it(`the ${MAX_SAVED_SEARCHES}th search saves; the next is refused with the limit and a way forward`, async () => {
    const reader = await visitor("hoarder");
    // 99 saved already, straight into the table.
    await pool.query(
      `INSERT INTO saved_search (user_id, name, query)
       SELECT $1, 'Seeded ' || n, 'q=seeded+' || n FROM generate_series(1, $2::int) AS n`,
      [reader.userId, MAX_SAVED_SEARCHES - 1],
    );
    const page = await newPage(reader);
    await open(page, `/search?q=quillwort+survey`);
    const form = page.getByRole("form", { name: "Save this search" });
    await form.getByRole("button", { name: "Save this search" }).click();
    await form.getByRole("status").filter({ hasText: "Saved “quillwort survey”" }).waitFor();

    await open(page, `/search?q=quillwort&hasCode=1`);
    await form.getByRole("button", { name: "Save this search" }).click();
    await expect(form.getByRole("alert").textContent()).resolves.toBe(
      `You have ${MAX_SAVED_SEARCHES} saved searches, the limit: remove one you no longer need, then save this one.`,
    );
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM saved_search WHERE user_id = $1`, [
      reader.userId,
    ]);
    expect(rows[0]!.n).toBe(MAX_SAVED_SEARCHES);
  });
});

describe("the preferences page of a subscriber without an account", () => {
  it("follows an author by name and saves a search, and lists both", async () => {
    const { id, token } = await subscriber("no-account", "CONFIRMED");
    const page = await newPage();
    await open(page, `/preferences/${token}`);
    const section = region(page, "Authors and saved searches");

    const follow = section.getByRole("form", { name: "Follow an author" });
    // Any spelling finds the author: case, accents and the hyphen do not matter.
    await follow.getByLabel("Follow an author").fill("zoe arlander quill");
    await follow.getByRole("button", { name: "Follow" }).click();
    await follow
      .getByRole("status")
      .filter({ hasText: `Following ${AUTHOR}` })
      .waitFor();
    await section.getByRole("link", { name: AUTHOR, exact: true }).waitFor();

    const save = section.getByRole("form", { name: "Save a search" });
    await save.getByLabel("Search words").fill(`author:"${AUTHOR}" quillwort`);
    await save.getByLabel("Name").fill("Zoë's <i>quillworts</i>");
    await save.getByRole("button", { name: "Save search" }).click();
    await save.getByRole("status").filter({ hasText: "Saved “Zoë's <i>quillworts</i>”" }).waitFor();
    const saved = section.getByRole("link", { name: "Zoë's <i>quillworts</i>", exact: true });
    await saved.waitFor();
    await expect(section.locator("i").count()).resolves.toBe(0);

    const { rows } = await pool.query<{ follows: number; searches: number }>(
      `SELECT (SELECT count(*)::int FROM author_follow WHERE subscriber_id = $1) AS follows,
              (SELECT count(*)::int FROM saved_search WHERE subscriber_id = $1) AS searches`,
      [id],
    );
    expect(rows[0]).toEqual({ follows: 1, searches: 1 });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("an unsubscribed address sees that it is unsubscribed, with no way to add, and a way back", async () => {
    const { token } = await subscriber("gone", "UNSUBSCRIBED");
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/preferences/${token}`);
    expect(response?.status()).toBe(200);
    await page.getByText("Unsubscribed: nothing is sent.", { exact: false }).waitFor();
    await expect(page.getByRole("form", { name: "Follow an author" }).count()).resolves.toBe(0);
    await expect(page.getByRole("form", { name: "Save a search" }).count()).resolves.toBe(0);
    // The way back: a link to /subscribe or a button that subscribes again.
    await page
      .getByRole("link", { name: "Subscribe again" })
      .or(page.getByRole("button", { name: "Subscribe again" }))
      .waitFor();
  });

  it("a page left open while the address unsubscribed refuses to add, saying why", async () => {
    const { id, token } = await subscriber("left-open", "CONFIRMED");
    const page = await newPage();
    await open(page, `/preferences/${token}`);
    const follow = page.getByRole("form", { name: "Follow an author" });
    await follow.getByLabel("Follow an author").fill(AUTHOR);
    await pool.query(`UPDATE subscriber SET status = 'UNSUBSCRIBED', unsubscribed_at = now() WHERE id = $1`, [id]);
    await follow.getByRole("button", { name: "Follow" }).click();
    await expect(follow.getByRole("alert").textContent()).resolves.toBe(
      "This address is unsubscribed: subscribe again before following authors or saving searches.",
    );
    const { rows } = await pool.query(`SELECT 1 FROM author_follow WHERE subscriber_id = $1`, [id]);
    expect(rows).toHaveLength(0);
  });
});

describe("no server errors", () => {
  it("no page, feed or action above answered 500 or more", () => {
    expect(serverErrors).toEqual([]);
  });
});
