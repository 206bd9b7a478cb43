// Votes and tags over HTTP against the real server: sessions checked on the server, cross-site posts refused, counts exact.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signedInVisitor, type Visitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
let slug: string;
let paperId: number;

beforeAll(async () => {
  const { rows } = await pool.query<{ id: number; slug: string }>(
    `SELECT id, slug FROM paper WHERE title LIKE 'Towards a Multimodal Large Language Model with Pixel-Level Insight%'`,
  );
  ({ id: paperId, slug } = rows[0]!);
});
afterAll(() => pool.end());

const unique = () => randomBytes(4).toString("hex");

function post(path: string, body: unknown, init: { cookie?: string; origin?: string | null; method?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.origin !== null) headers.origin = init.origin ?? baseUrl;
  return fetch(`${baseUrl}${path}`, {
    method: init.method ?? "POST",
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
}

async function counts() {
  const { rows } = await pool.query(`SELECT upvote_count, save_count, tag_count FROM paper WHERE id = $1`, [paperId]);
  return rows[0] as { upvote_count: number; save_count: number; tag_count: number };
}

describe("mutations need a session, checked by the server", () => {
  it("signed out: votes, saves, tagging and untagging get 401 with a message, and nothing changes", async () => {
    const before = await counts();
    for (const [path, body, method] of [
      [`/api/papers/${slug}/reactions`, { kind: "upvote", active: true }, "POST"],
      [`/api/papers/${slug}/reactions`, { kind: "save", active: true }, "POST"],
      [`/api/papers/${slug}/tags`, { names: "sneaky" }, "POST"],
      [`/api/papers/${slug}/tags/medical`, undefined, "DELETE"],
    ] as const) {
      const response = await post(path, body, { method });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await response.json()).error).toMatch(/sign in/);
    }
    expect(await counts()).toEqual(before);
  });

  it("a forged session cookie is just signed out", async () => {
    const response = await post(
      `/api/papers/${slug}/reactions`,
      { kind: "upvote", active: true },
      { cookie: "authjs.session-token=forged" },
    );
    expect(response.status).toBe(401);
  });

  it("a request from another site's page cannot vote or tag, even with a valid session", async () => {
    const visitor = await signedInVisitor(databaseUrl, `csrf-${unique()}@example.org`);
    const before = await counts();
    const vote = await post(
      `/api/papers/${slug}/reactions`,
      { kind: "upvote", active: true },
      { cookie: visitor.cookie, origin: "https://evil.example" },
    );
    expect(vote.status).toBe(403);
    const tag = await post(
      `/api/papers/${slug}/tags`,
      { names: "pwned" },
      { cookie: visitor.cookie, origin: "https://evil.example" },
    );
    expect(tag.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("GET cannot change anything: the mutation routes do not answer it", async () => {
    const visitor = await signedInVisitor(databaseUrl, `get-${unique()}@example.org`);
    const response = await fetch(`${baseUrl}/api/papers/${slug}/reactions?kind=upvote&active=true`, {
      headers: { cookie: visitor.cookie },
    });
    expect(response.status).toBe(405);
  });

  it("bad bodies get 400 with the field named", async () => {
    const visitor = await signedInVisitor(databaseUrl, `bad-${unique()}@example.org`);
    const response = await post(
      `/api/papers/${slug}/reactions`,
      { kind: "downvote", active: "yes" },
      { cookie: visitor.cookie },
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(Object.keys(body.fieldErrors)).toEqual(expect.arrayContaining(["kind", "active"]));
    const notJson = await fetch(`${baseUrl}/api/papers/${slug}/reactions`, {
      method: "POST",
      headers: { cookie: visitor.cookie, origin: baseUrl },
      body: "<xml/>",
    });
    expect(notJson.status).toBe(400);
  });

  it("an unknown paper is a 404", async () => {
    const visitor = await signedInVisitor(databaseUrl, `404-${unique()}@example.org`);
    const response = await post(
      `/api/papers/no-such-paper-000000/reactions`,
      { kind: "upvote", active: true },
      { cookie: visitor.cookie },
    );
    expect(response.status).toBe(404);
  });
});

describe("counts under concurrency", () => {
  it("25 people upvoting at the same moment (each twice) add exactly 25", async () => {
    const visitors: Visitor[] = [];
    for (let i = 0; i < 25; i++) visitors.push(await signedInVisitor(databaseUrl, `race-${unique()}@example.org`));
    const before = (await counts()).upvote_count;
    const responses = await Promise.all(
      [...visitors, ...visitors].map((visitor) =>
        post(`/api/papers/${slug}/reactions`, { kind: "upvote", active: true }, { cookie: visitor.cookie }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect((await counts()).upvote_count).toBe(before + 25);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM upvote WHERE paper_id = $1`, [paperId]);
    expect(rows[0].n).toBe((await counts()).upvote_count);
  });
});

describe("tags over HTTP", () => {
  it("a person removes only their own tag; another's application of it stays", async () => {
    const ann = await signedInVisitor(databaseUrl, `ann-${unique()}@example.org`);
    const ben = await signedInVisitor(databaseUrl, `ben-${unique()}@example.org`);
    const name = `shared-${unique()}`;
    expect((await post(`/api/papers/${slug}/tags`, { names: name }, { cookie: ann.cookie })).status).toBe(200);
    expect((await post(`/api/papers/${slug}/tags`, { names: name }, { cookie: ben.cookie })).status).toBe(200);
    // Ben removes it twice: his own application goes, Ann's stays.
    await post(`/api/papers/${slug}/tags/${name}`, undefined, { cookie: ben.cookie, method: "DELETE" });
    await post(`/api/papers/${slug}/tags/${name}`, undefined, { cookie: ben.cookie, method: "DELETE" });
    const { rows } = await pool.query(
      `SELECT pt.user_count FROM paper_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.paper_id = $1 AND t.slug = $2`,
      [paperId, name],
    );
    expect(rows).toEqual([{ user_count: 1 }]);
  });

  it("tag names that break the rules get a 400 that says why", async () => {
    const visitor = await signedInVisitor(databaseUrl, `rules-${unique()}@example.org`);
    const tooMany = Array.from({ length: 1000 }, (_, i) => `t${i}`).join(",");
    for (const names of [tooMany, "x".repeat(41), "!!!"]) {
      const response = await post(`/api/papers/${slug}/tags`, { names }, { cookie: visitor.cookie });
      expect(response.status).toBe(400);
      expect((await response.json()).error.length).toBeGreaterThan(10);
    }
  });
});

describe("sign-in links over HTTP", () => {
  it("a sixth link for one address within the hour gets 429 with a message, even posted straight to Auth.js", async () => {
    const email = `flood-${unique()}@example.org`;
    const request = () =>
      fetch(`${baseUrl}/api/auth/signin/email`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", origin: baseUrl },
        body: new URLSearchParams({ email }),
        redirect: "manual",
      });
    for (let i = 0; i < 5; i++) expect((await request()).status).not.toBe(429);
    const refused = await request();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatch(/Too many sign-in links requested.*try again in/);
  });
});
