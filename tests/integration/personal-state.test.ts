// One page for everyone, personal state on top, against a real PostgreSQL: /api/me/state and
// /api/papers/counts as the web server answers them, the signed-in hint, and which changes clear which
// cached pages (a vote clears none; a tag clears the pages that show its paper and its tag; an import all).
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { followAuthor } from "../../lib/follows/authors";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import type { PageCacheOptions } from "../../lib/http/page-cache";
import { serveWithPageCache, type WebServer } from "../../lib/http/web-server";
import { addUserTags, removeUserTag } from "../../lib/tags/user-tags";
import { setReaction } from "../../lib/votes/reactions";
import { setUpTestDatabase } from "../support/database";
import { noticesOf, until } from "./helpers/catalogue-notices";
import { createSession, createUser } from "./helpers/users";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const database = setUpTestDatabase();
let ids: number[];

/** A stand-in for Next: each paper as its card would mark it, on the list pages and the paper's page. */
const renders = { count: 0, lastCookie: undefined as string | undefined };
async function handler(req: IncomingMessage, res: ServerResponse) {
  renders.count++;
  renders.lastCookie = req.headers.cookie;
  const url = new URL(req.url ?? "/", "http://x");
  const paper = /^\/papers\/(\d+)$/.exec(url.pathname);
  const tag = /^\/tags\/([^/]+)$/.exec(url.pathname);
  const { rows } = paper
    ? await database.pool.query<{ id: number; title: string }>("SELECT id, title FROM paper WHERE id = $1", [
        Number(paper[1]),
      ])
    : tag
      ? await database.pool.query<{ id: number; title: string }>(
          "SELECT p.id, p.title FROM paper p JOIN paper_tag pt ON pt.paper_id = p.id JOIN tag t ON t.id = pt.tag_id WHERE t.slug = $1",
          [tag[1]],
        )
      : await database.pool.query<{ id: number; title: string }>("SELECT id, title FROM paper ORDER BY id LIMIT 3");
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(rows.map((row) => `<article data-paper-id="${row.id}">${row.title}</article>`).join(""));
}

let server: WebServer;

async function start(cache: Partial<PageCacheOptions> = {}) {
  server = await serveWithPageCache({
    port: 0,
    hostname: "127.0.0.1",
    databaseUrl: database.url,
    cache: { ttlMs: 600_000, maxBytes: 8 * 1024 * 1024, ...cache },
    handler,
    log: () => undefined,
  });
  const deadline = Date.now() + 10_000;
  while ((await get("/tags")).cache === "OFF") {
    if (Date.now() > deadline) throw new Error("the cache did not start listening");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function get(path: string, cookie?: string) {
  const response = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    cacheControl: response.headers.get("cache-control"),
    setCookie: response.headers.getSetCookie(),
    text: await response.text(),
  };
}

async function json<T>(path: string, cookie?: string) {
  const answer = await get(path, cookie);
  return { ...answer, body: JSON.parse(answer.text) as T };
}

async function signedIn(email: string) {
  const user = await createUser(database.pool, email);
  const token = await createSession(database.pool, user.id);
  return { user, cookie: `authjs.session-token=${token}` };
}

beforeAll(async () => {
  await importDigest(database.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  const { rows } = await database.pool.query<{ id: number }>("SELECT id FROM paper ORDER BY id LIMIT 4");
  ids = rows.map((row) => row.id);
});

afterEach(async () => {
  await server?.close();
});

afterAll(async () => {
  await server?.close();
});

type State = {
  signedIn: boolean;
  user: { email: string; name: string | null; isAdmin: boolean } | null;
  papers: Record<string, { upvoted: boolean; saved: boolean; myTags: string[]; upvotes: number; saves: number }>;
  authors?: Record<string, boolean>;
};

describe("GET /api/me/state", () => {
  it("signed out, or with an unknown or expired session, it says so and shows nothing personal", async () => {
    await start();
    const expired = await signedIn("expired@example.org");
    await database.pool.query("UPDATE auth_session SET expires = now() - interval '1 minute' WHERE user_id = $1", [
      expired.user.id,
    ]);
    for (const cookie of [undefined, "authjs.session-token=made-up", expired.cookie]) {
      const answer = await json<State>(`/api/me/state?papers=${ids[0]}`, cookie);
      expect(answer.status, String(cookie)).toBe(200);
      expect(answer.cacheControl).toBe("private, no-store");
      expect(answer.body).toEqual({ signedIn: false, user: null, papers: {} });
    }
    // A hint that outlived its session is cleared by the answer too (the browser also clears it itself).
    const stale = await get(`/api/me/state?papers=${ids[0]}`, `${expired.cookie}; pp_signed_in=1`);
    expect(stale.setCookie.join("\n")).toMatch(/^pp_signed_in=; Path=\/; Max-Age=0/m);
    // ...and so is the admin hint: the next person to sign in on this browser must not see an Admin link.
    expect(stale.setCookie.join("\n")).toMatch(/^pp_admin=; Path=\/; Max-Age=0/m);
  });

  it("signed in, it gives the reader's own votes, saves and tags with fresh counts, and never another reader's", async () => {
    await start();
    const ada = await signedIn("ada@example.org");
    const bob = await signedIn("bob@example.org");
    await setReaction(ada.user, ids[0]!, "upvote", true);
    await setReaction(ada.user, ids[0]!, "save", true);
    await setReaction(bob.user, ids[0]!, "upvote", true);
    expect(await addUserTags(ada.user.id, ids[0]!, "Read later, video-llm")).toMatchObject({ ok: true });

    const mine = await json<State>(`/api/me/state?papers=${ids[0]},${ids[1]},999999`, ada.cookie);
    expect(mine.cacheControl).toBe("private, no-store");
    expect(mine.body).toEqual({
      signedIn: true,
      user: { email: "ada@example.org", name: null, isAdmin: false },
      papers: {
        [ids[0]!]: { upvoted: true, saved: true, myTags: ["read-later", "video-llm"], upvotes: 2, saves: 1 },
        [ids[1]!]: { upvoted: false, saved: false, myTags: [], upvotes: 0, saves: 0 },
      },
    });
    const theirs = await json<State>(`/api/me/state?papers=${ids[0]}`, bob.cookie);
    expect(theirs.body.user?.email).toBe("bob@example.org");
    expect(theirs.body.papers[ids[0]!]).toEqual({ upvoted: true, saved: false, myTags: [], upvotes: 2, saves: 1 });
    // With no papers asked, the account alone (the header of a page without papers).
    expect((await json<State>("/api/me/state", ada.cookie)).body).toMatchObject({ signedIn: true, papers: {} });
  });

  it("tells whether the reader follows the authors asked about", async () => {
    await start();
    const ada = await signedIn("ada-follows@example.org");
    await database.pool.query("UPDATE paper SET authors = ARRAY['Grace Hopper'] WHERE id = $1", [ids[3]]);
    const name = "Grace Hopper";
    const followed = await followAuthor({ userId: ada.user.id }, name);
    expect(followed.ok).toBe(true);
    const slug = followed.ok ? followed.slug : "";
    const answer = await json<State>(`/api/me/state?authors=${encodeURIComponent(slug)},nobody-at-all`, ada.cookie);
    expect(answer.body.authors).toEqual({ [slug]: true, "nobody-at-all": false });
  });

  it("refuses malformed or too many paper ids with a 400 that says what is wrong", async () => {
    await start();
    const ada = await signedIn("ada-bad@example.org");
    for (const [query, message] of [
      ["papers=abc", /papers: paper ids are positive integers/],
      ["papers=1,,2", /papers: paper ids are positive integers/],
      ["papers=-3", /papers: paper ids are positive integers/],
      ["papers=99999999999", /papers: paper ids are positive integers/],
      [`papers=${Array.from({ length: 201 }, (_, i) => i + 1).join(",")}`, /at most 200 paper ids/],
      ["paper=1", /unknown parameter/],
    ] as const) {
      const answer = await json<{ error: string; fieldErrors: Record<string, string> }>(
        `/api/me/state?${query}`,
        ada.cookie,
      );
      expect(answer.status, query).toBe(400);
      expect(answer.body.error, query).toMatch(message);
    }
    const atCap = await json<State>(
      `/api/me/state?papers=${Array.from({ length: 200 }, (_, i) => i + 1).join(",")}`,
      ada.cookie,
    );
    expect(atCap.status).toBe(200);
    expect(atCap.body.signedIn).toBe(true);
    expect((await get("/api/me/state?papers=abc")).status).toBe(400);
  });
});

describe("GET /api/papers/counts", () => {
  it("gives everyone each paper's upvotes and saves, cacheable for 5 s, and refuses bad ids", async () => {
    await start();
    const cy = await createUser(database.pool, "cy@example.org");
    await setReaction(cy, ids[2]!, "upvote", true);
    await setReaction(cy, ids[2]!, "save", true);
    const answer = await json<{ papers: Record<string, { upvotes: number; saves: number }> }>(
      `/api/papers/counts?ids=${ids[2]},${ids[3]},999999`,
    );
    expect(answer.status).toBe(200);
    expect(answer.cacheControl).toBe("public, max-age=5");
    expect(answer.body).toEqual({
      papers: { [ids[2]!]: { upvotes: 1, saves: 1 }, [ids[3]!]: { upvotes: 0, saves: 0 } },
    });
    expect((await get("/api/papers/counts?ids=1;2")).status).toBe(400);
    expect((await get("/api/papers/counts")).status).toBe(400);
    expect((await get(`/api/papers/counts?ids=${Array.from({ length: 201 }, (_, i) => i + 1).join(",")}`)).status).toBe(
      400,
    );
  });
});

describe("the signed-in hint", () => {
  it("is set on a page for a live session without it, never kept in the cached page, and cleared once the session cookie is gone", async () => {
    await start();
    const ada = await signedIn("ada-hint@example.org");
    const first = await get(`/papers/${ids[0]}`, ada.cookie);
    expect(first.cache).toBe("MISS");
    // A new session's role is the state call's to say: an earlier session's admin hint goes.
    const setHint = [
      "pp_signed_in=1; Path=/; Max-Age=2592000; SameSite=Lax",
      "pp_admin=; Path=/; Max-Age=0; SameSite=Lax",
    ];
    expect(first.setCookie).toEqual(setHint);
    const anonymous = await get(`/papers/${ids[0]}`);
    expect(anonymous.cache).toBe("HIT");
    expect(anonymous.setCookie).toEqual([]);
    const again = await get(`/papers/${ids[0]}`, ada.cookie);
    expect(again.cache).toBe("HIT");
    expect(again.setCookie).toEqual(setHint);
    // Once the browser has it: nothing more to say, and no session lookup.
    expect((await get(`/papers/${ids[0]}`, `${ada.cookie}; pp_signed_in=1`)).setCookie).toEqual([]);
    // A dead session gets no hint; a hint without any session cookie (signed out) is cleared.
    expect((await get(`/papers/${ids[0]}`, "authjs.session-token=made-up")).setCookie).toEqual([]);
    expect((await get(`/papers/${ids[0]}`, "pp_signed_in=1; pp_admin=1")).setCookie).toEqual([
      "pp_signed_in=; Path=/; Max-Age=0; SameSite=Lax",
      "pp_admin=; Path=/; Max-Age=0; SameSite=Lax",
    ]);
  });
});

describe("what a change clears", () => {
  it("votes and saves notify nothing and leave every cached page cached, counts included", async () => {
    await start();
    const dee = await signedIn("dee@example.org");
    await get(`/papers/${ids[0]}`);
    await get("/");
    const heard = await noticesOf(database, async () => {
      await setReaction(dee.user, ids[0]!, "upvote", true);
      await setReaction(dee.user, ids[0]!, "save", true);
      await setReaction(dee.user, ids[0]!, "upvote", false);
    });
    expect(heard).toEqual([]);
    expect((await get(`/papers/${ids[0]}`)).cache).toBe("HIT");
    expect((await get("/")).cache).toBe("HIT");
  });

  it("a tag new to a paper clears the pages that show that paper or that tag, and no others", async () => {
    await start();
    const eve = await signedIn("eve@example.org");
    const fay = await signedIn("fay@example.org");
    const list = await get("/");
    const shown = [...list.text.matchAll(/data-paper-id="(\d+)"/g)].map((match) => Number(match[1]));
    const tagged = shown[0]!;
    const elsewhere = ids.find((id) => !shown.includes(id))!;
    for (const path of [`/papers/${tagged}`, `/papers/${elsewhere}`, "/tags", "/tags/other-tag", "/tags/fresh-topic"])
      await get(path);
    const heard = await noticesOf(database, () => addUserTags(eve.user.id, tagged, "fresh-topic"));
    expect(heard.sort()).toEqual([`paper:${tagged}`, "tag:fresh-topic"]);
    await until(async () => (await get(`/papers/${tagged}`)).cache === "MISS", "the tagged paper's page to be cleared");
    expect((await get("/")).cache).toBe("MISS");
    expect((await get("/tags")).cache).toBe("MISS");
    const tagPage = await get("/tags/fresh-topic");
    expect(tagPage.cache).toBe("MISS");
    expect(tagPage.text).toContain(`data-paper-id="${tagged}"`);
    expect((await get(`/papers/${elsewhere}`)).cache).toBe("HIT");
    expect((await get("/tags/other-tag")).cache).toBe("HIT");

    // One more person on a tag the paper already shows changes a count only: nothing is cleared.
    expect(await noticesOf(database, () => addUserTags(fay.user.id, tagged, "fresh-topic"))).toEqual([]);
    expect(await noticesOf(database, () => removeUserTag(fay.user.id, tagged, "fresh-topic"))).toEqual([]);
    // The last person taking it back takes it off the paper: a public change again.
    expect((await noticesOf(database, () => removeUserTag(eve.user.id, tagged, "fresh-topic"))).sort()).toEqual([
      `paper:${tagged}`,
      "tag:fresh-topic",
    ]);
  });

  it("an import (or any other write to what pages show) clears every page", async () => {
    await start();
    await get(`/papers/${ids[3]}`);
    await get("/tags/other-tag");
    await database.pool.query("UPDATE paper SET title = title || ' (revised)' WHERE id = $1", [ids[1]]);
    await until(async () => (await get(`/papers/${ids[3]}`)).cache === "MISS", "the import to clear the cache");
    expect((await get("/tags/other-tag")).cache).toBe("MISS");
  });

  it("ranked lists (trending, top) live 5 s in the cache; other pages the full time", async () => {
    let now = 1_000_000;
    await start({ now: () => now });
    await get("/?sort=trending");
    await get("/?sort=top");
    await get("/");
    now += 4_000;
    expect((await get("/?sort=trending")).cache).toBe("HIT");
    now += 2_000;
    expect((await get("/?sort=trending")).cache).toBe("MISS");
    expect((await get("/?sort=top")).cache).toBe("MISS");
    expect((await get("/")).cache).toBe("HIT");
  });
});
