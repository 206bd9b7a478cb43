// withUser / withAdmin (lib/api/with-user.ts), the wrappers every route that needs a person runs through,
// called with real Requests against a real database: sessions are rows in auth_session, read by Auth.js
// from the request's own cookie. A request another site's page sent is refused before the session is read
// or the body parsed, whatever SITE_URL says; then the session, the role and the body, in that order.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { setUpTestDatabase } from "../support/database";
import { createSession, createUser } from "./helpers/users";

const SITE = "https://papers.example.org";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "pp-guards-"));
Object.assign(process.env, {
  SITE_URL: SITE,
  PAPERPULSE_DATA_DIR: dataDir,
  AUTH_SECRET: randomBytes(33).toString("base64"),
});
const testDb = setUpTestDatabase();
// Imported after SITE_URL is set: lib/auth/auth.ts reads the site's origin when it loads.
const { withAdmin, withUser } = await import("../../lib/api/with-user");
const { MAX_BODY_BYTES } = await import("../../lib/http/body-limits");

/** On an https site Auth.js names its cookie with the __Secure- prefix. */
const SESSION_COOKIE = "__Secure-authjs.session-token";
let readerCookie: string;
let adminCookie: string;
let readerId: string;

beforeAll(async () => {
  const reader = await createUser(testDb.pool, `reader-${randomBytes(4).toString("hex")}@example.org`);
  const admin = await createUser(testDb.pool, `admin-${randomBytes(4).toString("hex")}@example.org`, "ADMIN");
  readerId = reader.id;
  readerCookie = `${SESSION_COOKIE}=${await createSession(testDb.pool, reader.id)}`;
  adminCookie = `${SESSION_COOKIE}=${await createSession(testDb.pool, admin.id)}`;
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A POST as a browser sends it: the page's origin in Origin, our host in Host (behind a proxy: the internal one). */
function post(
  origin: string | null,
  extra: Record<string, string> = {},
  body: string = JSON.stringify({ kind: "upvote", active: true }),
) {
  const headers: Record<string, string> = { host: "internal:3000", "content-type": "application/json", ...extra };
  if (origin !== null) headers.origin = origin;
  return new Request("http://internal:3000/api/papers/some-paper/reactions", { method: "POST", headers, body });
}

const params = (values: Record<string, string> = { slug: "some-paper" }) => ({ params: Promise.resolve(values) });

const schema = z.strictObject({ kind: z.enum(["upvote", "save"]), active: z.boolean() });
const seen: unknown[] = [];
const userRoute = withUser(
  async ({ user, body, params }) => {
    seen.push({ user: user.id, body, params });
    return Response.json({ ok: true });
  },
  { body: schema, params: ["slug"] },
);
const adminRoute = withAdmin(async ({ user }) => Response.json({ admin: user.email }), {
  body: schema,
  can: "test the guards",
});

const crossSite: [string, Request][] = [
  ["another site's page", post("https://evil.example")],
  ["a look-alike host ending in another domain", post("https://papers.example.org.evil.example")],
  ["the site on another scheme and port", post("http://papers.example.org:8080")],
  ["an opaque origin (a sandboxed frame, a data: URL)", post("null")],
  ["a browser that says cross-site without an Origin", post(null, { "sec-fetch-site": "cross-site" })],
];

describe("cross-site requests", () => {
  it.each(crossSite)("from %s: withUser answers 403 and leaves the body unread", async (_, request) => {
    const response = await userRoute(request, params());
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/cross-site/) });
    expect(request.bodyUsed).toBe(false);
  });

  it.each(crossSite.map(([name, request]) => [name, request.clone()] as [string, Request]))(
    "from %s: withAdmin answers 403 before the role or the upload is looked at",
    async (_, request) => {
      const response = await adminRoute(request, params({}));
      expect(response.status).toBe(403);
      expect(request.bodyUsed).toBe(false);
    },
  );

  it("even with an admin's valid session", async () => {
    const request = post("https://evil.example", { cookie: adminCookie });
    expect((await adminRoute(request, params({}))).status).toBe(403);
  });
});

describe("the session", () => {
  it("signed out: 401 with where to sign in, the body unread", async () => {
    const request = post(SITE);
    const response = await userRoute(request, params());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "sign in first: /signin" });
    expect(request.bodyUsed).toBe(false);
  });

  it("a cookie naming no session is signed out", async () => {
    expect((await userRoute(post(SITE, { cookie: `${SESSION_COOKIE}=forged` }), params())).status).toBe(401);
  });

  it("signed in: the handler gets the person, the parsed body and the route's params", async () => {
    seen.length = 0;
    const response = await userRoute(post(SITE, { cookie: readerCookie }), params());
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ user: readerId, body: { kind: "upvote", active: true }, params: { slug: "some-paper" } }]);
  });

  it("a client that sends no Origin (curl with a cookie) passes the origin check", async () => {
    expect((await userRoute(post(null, { cookie: readerCookie }), params())).status).toBe(200);
  });
});

describe("the admin role", () => {
  it("a signed-in non-admin gets 403 in the route's words, before the body is read", async () => {
    const request = post(SITE, { cookie: readerCookie });
    const response = await adminRoute(request, params({}));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "only admins can test the guards" });
    expect(request.bodyUsed).toBe(false);
  });

  it("signed out gets 401, an admin gets through", async () => {
    expect((await adminRoute(post(SITE), params({}))).status).toBe(401);
    const response = await adminRoute(post(SITE, { cookie: adminCookie }), params({}));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ admin: expect.stringMatching(/^admin-/) });
  });
});

describe("the body", () => {
  it("a body over the limit gets 413, however it declares its size", async () => {
    const large = JSON.stringify({ kind: "upvote", active: true, padding: "x".repeat(MAX_BODY_BYTES) });
    const declared = await userRoute(
      post(SITE, { cookie: readerCookie, "content-length": String(large.length) }, large),
      params(),
    );
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toMatch(/larger than 1 MB/);
    const undeclared = await userRoute(post(SITE, { cookie: readerCookie }, large), params());
    expect(undeclared.status).toBe(413);
  });

  it("a body the schema refuses gets 400 with each field named", async () => {
    const response = await userRoute(
      post(SITE, { cookie: readerCookie }, JSON.stringify({ kind: "downvote", active: "yes" })),
      params(),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("the request body is not valid");
    expect(Object.keys(body.fieldErrors)).toEqual(["kind", "active"]);
  });

  it("a body that is not JSON, or is empty, gets 400", async () => {
    expect((await userRoute(post(SITE, { cookie: readerCookie }, "<xml/>"), params())).status).toBe(400);
    expect((await userRoute(post(SITE, { cookie: readerCookie }, ""), params())).status).toBe(400);
  });

  it("a route that declares no schema leaves the body to the handler", async () => {
    const route = withUser(async ({ request, body }) =>
      Response.json({ body: body ?? null, text: await request.text() }),
    );
    const response = await route(post(SITE, { cookie: readerCookie }, "raw bytes"), params({}));
    expect(await response.json()).toEqual({ body: null, text: "raw bytes" });
  });
});

describe("errors", () => {
  it("a handler that throws answers the JSON 500 shape, without the error's text", async () => {
    const route = withUser(async () => {
      throw new Error("SELECT secret FROM somewhere");
    });
    const logged = console.error;
    console.error = () => undefined;
    try {
      const response = await route(post(SITE, { cookie: readerCookie }), params({}));
      expect(response.status).toBe(500);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: "internal error; the server log has the details" });
      expect(text).not.toMatch(/secret/);
    } finally {
      console.error = logged;
    }
  });
});
