// Auth.js as lib/auth/auth.ts configures it, driven with real Requests against a real database: what a
// session cookie is worth (signed in with a role, expired, unknown) and the magic link from email to
// session. `auth()` in a page reads next/headers, which exists only inside a running Next server; the
// session is asked for here the way the browser asks (GET /api/auth/session), through the same Auth.js
// session code, adapter and callbacks.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "../support/database";
import { createSession, createUser } from "./helpers/users";

const SITE = "http://papers.example.test:3000";
const ADMIN = "boss@example.org";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "pp-auth-"));
// Read once, on the first request (lib/env.ts caches the parsed environment).
Object.assign(process.env, {
  SITE_URL: SITE,
  PAPERPULSE_DATA_DIR: dataDir,
  AUTH_SECRET: randomBytes(33).toString("base64"),
  ADMIN_EMAILS: ADMIN,
  RESEND_API_KEY: "",
});
const testDb = setUpTestDatabase();
// Imported after the environment is set: lib/auth/auth.ts pins AUTH_URL when it loads.
const { handlers } = await import("../../lib/auth/auth");
const { findLatestOutboxMessage } = await import("../../lib/mail/outbox");

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
});

const unique = (name: string) => `${name}-${randomBytes(4).toString("hex")}@example.org`;

/** Cookies a response sets, by name (the last value wins, as in a browser). */
function setCookies(response: Response): Map<string, string> {
  return new Map(
    response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0]!.split("=") as [string, string])
      .map(([name, ...rest]) => [name, rest.join("=")]),
  );
}

async function session(cookie: string) {
  const response = await handlers.GET(new NextRequest(`${SITE}/api/auth/session`, { headers: { cookie } }));
  expect(response.status).toBe(200);
  return {
    response,
    body: (await response.json()) as { user?: { id: string; email: string; role: string }; expires?: string } | null,
  };
}

const sessionRows = async (token: string) =>
  (
    await testDb.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth_session WHERE session_token = $1`, [
      token,
    ])
  ).rows[0]!.n;

describe("what a session cookie is worth", () => {
  it("a session row that has not expired signs its holder in, with their id and role", async () => {
    const reader = await createUser(testDb.pool, unique("reader"));
    const token = await createSession(testDb.pool, reader.id);
    const { body } = await session(`authjs.session-token=${token}`);
    expect(body?.user).toMatchObject({ id: reader.id, email: reader.email, role: "USER" });
  });

  it("an admin's session carries the ADMIN role", async () => {
    const admin = await createUser(testDb.pool, unique("admin"), "ADMIN");
    const token = await createSession(testDb.pool, admin.id);
    expect((await session(`authjs.session-token=${token}`)).body?.user).toMatchObject({ id: admin.id, role: "ADMIN" });
  });

  it("an expired session row is signed out: no user, the row deleted, the cookie cleared", async () => {
    const reader = await createUser(testDb.pool, unique("expired"));
    const token = await createSession(testDb.pool, reader.id);
    await testDb.pool.query(`UPDATE auth_session SET expires = now() - interval '1 minute' WHERE session_token = $1`, [
      token,
    ]);

    const { response, body } = await session(`authjs.session-token=${token}`);

    expect(body?.user).toBeUndefined();
    expect(await sessionRows(token)).toBe(0);
    const cleared = response.headers.getSetCookie().find((line) => line.startsWith("authjs.session-token="));
    expect(cleared).toMatch(/^authjs\.session-token=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  });

  it("a cookie naming no session is signed out", async () => {
    expect((await session(`authjs.session-token=${randomBytes(32).toString("hex")}`)).body?.user).toBeUndefined();
    expect((await session("")).body?.user).toBeUndefined();
  });
});

describe("the magic link", () => {
  /** Asks Auth.js for a sign-in link as the sign-in form does: CSRF token first, then the form post. */
  async function requestLink(email: string, headers: Record<string, string> = {}) {
    const csrf = await handlers.GET(new NextRequest(`${SITE}/api/auth/csrf`, { headers }));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = [...setCookies(csrf)].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await handlers.POST(
      new NextRequest(`${SITE}/api/auth/signin/email`, {
        method: "POST",
        headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, csrfToken, callbackUrl: "/me" }).toString(),
      }),
    );
    expect(response.status).toBe(302);
    const message = await findLatestOutboxMessage({ to: email }, { outboxDir: path.join(dataDir, "outbox") });
    const link = message?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/email\?\S+/)?.[0];
    expect(link, `no sign-in link mailed to ${email}`).toBeDefined();
    return link!;
  }

  it("mails a link to the configured site; following it once creates a session, and an ADMIN_EMAILS address becomes admin", async () => {
    const link = await requestLink(ADMIN);
    expect(link.startsWith(`${SITE}/api/auth/callback/email?`)).toBe(true);

    const callback = await handlers.GET(new NextRequest(link));
    expect(callback.status).toBe(302);
    expect(new URL(callback.headers.get("location")!, SITE).pathname).toBe("/me");
    const token = setCookies(callback).get("authjs.session-token");
    expect(token).toBeTruthy();
    expect(await sessionRows(token!)).toBe(1);
    expect((await session(`authjs.session-token=${token}`)).body?.user).toMatchObject({ email: ADMIN, role: "ADMIN" });

    // The token was used up: the same link signs no one in again.
    const again = await handlers.GET(new NextRequest(link));
    expect(setCookies(again).get("authjs.session-token") ?? "").toBe("");
    expect(again.headers.get("location")).toMatch(/\/signin\/error/);
  });

  it("an address not in ADMIN_EMAILS signs in as a user", async () => {
    const email = unique("newcomer");
    const callback = await handlers.GET(new NextRequest(await requestLink(email)));
    const token = setCookies(callback).get("authjs.session-token");
    expect((await session(`authjs.session-token=${token}`)).body?.user).toMatchObject({ email, role: "USER" });
  });

  it("a forged Host or X-Forwarded-Host does not choose the site the link points to", async () => {
    const link = await requestLink(unique("victim"), {
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    });
    expect(new URL(link).origin).toBe(SITE);
  });
});
