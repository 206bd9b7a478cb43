// The production web process's anonymous page cache, over HTTP against the built app: repeat visits are
// replayed, signed-in visitors never see the anonymous copy, and a committed change reaches readers at once.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedInVisitor, type Visitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
let slug: string;
let visitor: Visitor;

beforeAll(async () => {
  const { rows } = await pool.query<{ slug: string }>(`SELECT slug FROM paper WHERE title LIKE 'Video-MME%'`);
  slug = rows[0]!.slug;
  visitor = await signedInVisitor(databaseUrl, `cache-${randomBytes(4).toString("hex")}@example.org`);
});
afterAll(() => pool.end());

async function get(path: string, cookie?: string) {
  const response = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, cache: response.headers.get("x-page-cache"), body: await response.text() };
}

/** The upvote count the paper page shows a signed-out reader (on the "Upvote" link to sign-in). */
function shownUpvotes(html: string): number {
  const match = html.match(/ Upvote <span class="tabular-nums">(\d+)</);
  if (!match) throw new Error("no upvote count on the page");
  return Number(match[1]);
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("anonymous page cache (scripts/serve.ts)", () => {
  it("a signed-out reader's repeat visit to a paper page is replayed from memory, identical", async () => {
    await get(`/papers/${slug}`);
    const first = await eventually(() => get(`/papers/${slug}`), (page) => page.cache === "HIT");
    const second = await get(`/papers/${slug}`);
    expect(first.cache).toBe("HIT");
    expect(second.cache).toBe("HIT");
    expect(second.body).toBe(first.body);
    expect(second.body).toContain("Video-MME");
  });

  it("a signed-in reader is rendered their own page, never the anonymous copy", async () => {
    await get("/");
    const anonymous = await eventually(() => get("/"), (page) => page.cache === "HIT");
    expect(anonymous.body).toContain("Sign in");
    const mine = await get("/", visitor.cookie);
    expect(mine.cache).toBe("BYPASS");
    expect(mine.body).toContain(visitor.email);
    expect(mine.body).not.toContain(">Sign in<");
    // And the anonymous copy did not pick up the signed-in page.
    expect((await get("/")).body).not.toContain(visitor.email);
  });

  it("an upvote shows on the anonymous paper page at once, not after the cache's time limit", async () => {
    await get(`/papers/${slug}`);
    const before = await eventually(() => get(`/papers/${slug}`), (page) => page.cache === "HIT");
    const response = await fetch(`${baseUrl}/api/papers/${slug}/reactions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", origin: baseUrl, cookie: visitor.cookie },
      body: JSON.stringify({ kind: "upvote", active: true }),
    });
    expect(response.status).toBe(200);
    const after = await eventually(() => get(`/papers/${slug}`), (page) => shownUpvotes(page.body) === shownUpvotes(before.body) + 1);
    expect(shownUpvotes(after.body)).toBe(shownUpvotes(before.body) + 1);
  });

  it("a title corrected in the database by another process reaches the next anonymous reader", async () => {
    const { rows } = await pool.query<{ title: string }>("SELECT title FROM paper WHERE slug = $1", [slug]);
    const title = rows[0]!.title;
    await get(`/api/papers/${slug}`);
    expect((await eventually(() => get(`/api/papers/${slug}`), (page) => page.cache === "HIT")).body).toContain(JSON.stringify(title).slice(1, -1));
    const corrected = `${title} (corrected ${randomBytes(3).toString("hex")})`;
    await pool.query("UPDATE paper SET title = $1 WHERE slug = $2", [corrected, slug]);
    try {
      const after = await eventually(() => get(`/api/papers/${slug}`), (page) => page.body.includes(corrected));
      expect(after.body).toContain(corrected);
    } finally {
      await pool.query("UPDATE paper SET title = $1 WHERE slug = $2", [title, slug]);
    }
  });
});
