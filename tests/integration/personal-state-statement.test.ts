// /api/me/state answered by one prepared statement, against a real PostgreSQL: the same answer the per-table
// reads gave, and a session that ends (sign-out deletes its row; or it expires) ends on the very next call:
// nothing about the session is remembered between calls.
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followAuthor } from "../../lib/follows/authors";
import { fileSource } from "../../lib/ingest/file-source";
import { importDigest } from "../../lib/ingest/import";
import { serveWithPageCache, type WebServer } from "../../lib/http/web-server";
import { addUserTags } from "../../lib/tags/user-tags";
import { setReaction } from "../../lib/votes/reactions";
import { setUpTestDatabase } from "../support/database";
import { createSession, createUser } from "./helpers/users";

const samplePath = fileURLToPath(new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));
const database = setUpTestDatabase();
let ids: number[];
let server: WebServer;

function handler(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("page");
}

async function state(query: string, cookie?: string) {
  const response = await fetch(`${server.url}/api/me/state?${query}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, setCookie: response.headers.getSetCookie(), text: await response.text() };
}

/**
 * The answer as the per-table reads before the single statement built it (session, then papers, then
 * follows), in the same key order: the reference the statement must match byte for byte.
 */
async function referenceAnswer(token: string, paperIds: number[], authors: string[]) {
  const { rows: users } = await database.pool.query<{ id: string; email: string; name: string | null; admin: boolean }>(
    `SELECT u.id, u.email, u.name, u.role = 'ADMIN' AS admin FROM auth_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.session_token = $1 AND s.expires > now()`,
    [token],
  );
  const user = users[0];
  if (!user) return { signedIn: false, user: null, papers: {} };
  const { rows } = await database.pool.query<{ id: number }>(
    `SELECT p.id, p.upvote_count AS upvotes, p.save_count AS saves,
            EXISTS (SELECT 1 FROM upvote v WHERE v.user_id = $1 AND v.paper_id = p.id) AS upvoted,
            EXISTS (SELECT 1 FROM save s WHERE s.user_id = $1 AND s.paper_id = p.id) AS saved,
            ARRAY(SELECT t.slug FROM paper_user_tag u JOIN tag t ON t.id = u.tag_id
                  WHERE u.paper_id = p.id AND u.user_id = $1 ORDER BY t.slug) AS "myTags"
     FROM paper p WHERE p.id = ANY($2::int[]) ORDER BY p.id`,
    [user.id, paperIds],
  );
  const { rows: follows } = await database.pool.query<{ slug: string; following: boolean }>(
    `SELECT a.slug, EXISTS (SELECT 1 FROM author_follow f WHERE f.user_id = $1 AND f.author_key = author_key(a.slug)) AS following
     FROM unnest($2::text[]) AS a(slug)`,
    [user.id, authors],
  );
  return {
    signedIn: true,
    user: { email: user.email, name: user.name, isAdmin: user.admin },
    papers: Object.fromEntries(rows.map(({ id, ...paper }) => [String(id), paper])),
    ...(authors.length ? { authors: Object.fromEntries(follows.map((row) => [row.slug, row.following])) } : {}),
  };
}

beforeAll(async () => {
  await importDigest(database.pool, await fileSource(samplePath), { today: "2025-05-01", importedBy: "cli:test" });
  const { rows } = await database.pool.query<{ id: number }>("SELECT id FROM paper ORDER BY id LIMIT 6");
  ids = rows.map((row) => row.id);
  server = await serveWithPageCache({
    port: 0,
    hostname: "127.0.0.1",
    databaseUrl: database.url,
    cache: { ttlMs: 0, maxBytes: 1024 * 1024 },
    handler,
    log: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
});

describe("the personal state in one statement", () => {
  it("gives byte for byte the answer the per-table reads gave: votes, saves, tags in order, counts, follows", async () => {
    const ada = await createUser(database.pool, "ada-one@example.org", "ADMIN");
    const bob = await createUser(database.pool, "bob-one@example.org");
    const token = await createSession(database.pool, ada.id);
    await database.pool.query("UPDATE app_user SET name = 'Ada \"L\" Lovelace' WHERE id = $1", [ada.id]);
    await setReaction(ada, ids[0]!, "upvote", true);
    await setReaction(ada, ids[2]!, "save", true);
    await setReaction(bob, ids[0]!, "upvote", true);
    await setReaction(bob, ids[1]!, "save", true);
    expect(await addUserTags(ada.id, ids[0]!, "zeta-topic, alpha-topic, mid-topic")).toMatchObject({ ok: true });
    expect(await addUserTags(ada.id, ids[3]!, "alpha-topic")).toMatchObject({ ok: true });
    expect(await addUserTags(bob.id, ids[2]!, "bobs-own")).toMatchObject({ ok: true });
    await database.pool.query("UPDATE paper SET authors = ARRAY['Grace Hopper'] WHERE id = $1", [ids[4]]);
    const followed = await followAuthor({ userId: ada.id }, "Grace Hopper");
    const slug = followed.ok ? followed.slug : "";
    const cookie = `authjs.session-token=${token}`;

    // Asked out of order, with a duplicate and a paper that does not exist.
    const asked = [ids[3]!, ids[0]!, 999_999, ids[2]!, ids[1]!, ids[0]!, ids[5]!];
    const cases: [string, number[], string[]][] = [
      [`papers=${asked.join(",")}&authors=${slug},nobody-at-all`, asked, [slug, "nobody-at-all"]],
      [`papers=${asked.join(",")}`, asked, []],
      ["papers=", [], []],
      ["", [], []],
      ["papers=999999", [999_999], []],
    ];
    for (const [query, paperIds, authors] of cases) {
      const answer = await state(query, cookie);
      expect(answer.status, query).toBe(200);
      expect(answer.text, query).toBe(JSON.stringify(await referenceAnswer(token, paperIds, authors)));
    }
    const full = JSON.parse((await state(cases[0]![0], cookie)).text) as {
      user: unknown;
      papers: Record<string, { myTags: string[] }>;
    };
    expect(full.user).toEqual({ email: "ada-one@example.org", name: 'Ada "L" Lovelace', isAdmin: true });
    expect(full.papers[ids[0]!]!.myTags).toEqual(["alpha-topic", "mid-topic", "zeta-topic"]);
    expect(full.papers[ids[2]!]!.myTags).toEqual([]);
  });

  it("a signed-out session (its row deleted, as Auth.js's sign-out does) is signed out on the next call", async () => {
    const cy = await createUser(database.pool, "cy-one@example.org");
    const token = await createSession(database.pool, cy.id);
    const cookie = `authjs.session-token=${token}; pp_signed_in=1`;
    expect(JSON.parse((await state(`papers=${ids[0]}`, cookie)).text)).toMatchObject({ signedIn: true });
    await database.pool.query("DELETE FROM auth_session WHERE session_token = $1", [token]);
    const after = await state(`papers=${ids[0]}`, cookie);
    expect(JSON.parse(after.text)).toEqual({ signedIn: false, user: null, papers: {} });
    expect(after.setCookie.join("\n")).toMatch(/^pp_signed_in=; Path=\/; Max-Age=0/m);
  });

  it("a session that expires between two calls is signed out on the second", async () => {
    const dee = await createUser(database.pool, "dee-one@example.org");
    const token = await createSession(database.pool, dee.id);
    const cookie = `authjs.session-token=${token}`;
    expect(JSON.parse((await state(`papers=${ids[0]}`, cookie)).text)).toMatchObject({ signedIn: true });
    await database.pool.query(
      "UPDATE auth_session SET expires = now() - interval '1 second' WHERE session_token = $1",
      [token],
    );
    expect(JSON.parse((await state(`papers=${ids[0]}`, cookie)).text)).toEqual({
      signedIn: false,
      user: null,
      papers: {},
    });
  });
});
