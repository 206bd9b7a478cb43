// The production web process's page cache, over HTTP against the built app: repeat visits are replayed,
// signed-in readers get the same bytes (their state comes from /api/me/state), a vote clears nothing while
// its count reaches readers through /api/papers/counts, and a committed change reaches readers at once.
import { randomBytes } from "node:crypto";
import http from "node:http";
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

/**
 * One GET on a new connection. The server runs two workers (WEB_CONCURRENCY=2 in the global setup) and
 * hands connections out in turn, so consecutive calls reach both workers and both of their caches.
 */
function get(path: string, cookie?: string): Promise<{ status: number; cache: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}${path}`, { agent: false, headers: cookie ? { cookie } : {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const cache = response.headers["x-page-cache"];
        resolve({
          status: response.statusCode ?? 0,
          cache: typeof cache === "string" ? cache : null,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** Two consecutive reads (so both workers answer). */
async function bothWorkers(path: string) {
  return [await get(path), await get(path)];
}

/** The shared upvote count of a paper, as signed-out readers' pages refresh it. */
async function sharedUpvotes(id: number): Promise<number> {
  const response = await fetch(`${baseUrl}/api/papers/counts?ids=${id}`);
  const body = (await response.json()) as { papers: Record<string, { upvotes: number }> };
  return body.papers[id]!.upvotes;
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
  it("a signed-out reader's repeat visit to a paper page is replayed from memory, byte for byte", async () => {
    const path = `/papers/${slug}?from=cache-test`;
    const rendered = await bothWorkers(path);
    // The first visit renders; the second reaches the other worker, which renders too (or it is a HIT
    // when that worker is still starting and the first one took the connection).
    expect(rendered[0]!.cache).toBe("MISS");
    const replayed = [...(await bothWorkers(path)), ...(await bothWorkers(path))];
    for (const page of replayed) {
      expect(page.cache).toBe("HIT");
      // Exactly what one of the workers rendered (the two differ only in the order of script rows).
      expect(rendered.map((first) => first.body)).toContain(page.body);
      expect(page.body).toContain("Video-MME");
    }
  });

  it("a signed-in reader gets the page everyone gets, and their account from /api/me/state", async () => {
    await bothWorkers("/");
    const anonymous = await eventually(
      () => get("/"),
      (page) => page.cache === "HIT",
    );
    expect(anonymous.body).toContain("Sign in");
    const mine = await get("/", visitor.cookie);
    expect(mine.cache).toBe("HIT");
    expect(mine.body).not.toContain(visitor.email);
    const state = await fetch(`${baseUrl}/api/me/state`, { headers: { cookie: visitor.cookie } });
    expect(state.headers.get("cache-control")).toBe("private, no-store");
    expect(await state.json()).toMatchObject({ signedIn: true, user: { email: visitor.email } });
  });

  it("an upvote keeps the paper page cached, and its count reaches every reader through the shared counts", async () => {
    const { rows } = await pool.query<{ id: number }>("SELECT id FROM paper WHERE slug = $1", [slug]);
    const id = rows[0]!.id;
    await bothWorkers(`/papers/${slug}`);
    await eventually(
      () => bothWorkers(`/papers/${slug}`),
      (pages) => pages.every((page) => page.cache === "HIT"),
    );
    const before = await sharedUpvotes(id);
    const response = await fetch(`${baseUrl}/api/papers/${slug}/reactions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", origin: baseUrl, cookie: visitor.cookie },
      body: JSON.stringify({ kind: "upvote", active: true }),
    });
    expect(response.status).toBe(200);
    // Shared counts may be 5 s old by design (memoized, and cacheable by browsers for as long).
    expect(
      await eventually(
        () => sharedUpvotes(id),
        (count) => count === before + 1,
        10_000,
      ),
    ).toBe(before + 1);
    for (const page of await bothWorkers(`/papers/${slug}`)) expect(page.cache).toBe("HIT");
  });

  it("a title corrected in the database by another process reaches the next anonymous reader", async () => {
    const { rows } = await pool.query<{ title: string }>("SELECT title FROM paper WHERE slug = $1", [slug]);
    const title = rows[0]!.title;
    await get(`/api/papers/${slug}`);
    expect(
      (
        await eventually(
          () => get(`/api/papers/${slug}`),
          (page) => page.cache === "HIT",
        )
      ).body,
    ).toContain(JSON.stringify(title).slice(1, -1));
    const corrected = `${title} (corrected ${randomBytes(3).toString("hex")})`;
    await pool.query("UPDATE paper SET title = $1 WHERE slug = $2", [corrected, slug]);
    try {
      await eventually(
        () => bothWorkers(`/api/papers/${slug}`),
        (pages) => pages.every((page) => page.body.includes(corrected)),
      );
      for (const page of await bothWorkers(`/api/papers/${slug}`)) expect(page.body).toContain(corrected);
    } finally {
      await pool.query("UPDATE paper SET title = $1 WHERE slug = $2", [title, slug]);
    }
  });
});
