// The admin pages over HTTP against the built server: signed out -> sign-in, signed-in non-admin -> 403, admin -> the page.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listOutbox, writeOutboxMessage } from "../../lib/mail/outbox";
import { signedInVisitor, type Visitor } from "./support/session";

const baseUrl = inject("baseUrl");
const databaseUrl = inject("e2eDatabaseUrl");
const outboxDir = path.join(inject("e2eDataDir"), "outbox");
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const unique = () => randomBytes(4).toString("hex");

const SCRIPT_HTML = `<p>Hello <b>reader</b></p><script>document.title = "owned"</script>`;
let messageId: string;
let admin: Visitor;
let reader: Visitor;

beforeAll(async () => {
  ({ id: messageId } = await writeOutboxMessage(
    {
      to: `outbox-${unique()}@example.org`,
      from: "PaperPulse <papers@example.org>",
      subject: "Admin outbox check",
      headers: { "List-Unsubscribe": "<https://example.org/u>" },
      html: SCRIPT_HTML,
      text: "Hello reader, in plain text",
    },
    { outboxDir },
  ));
  admin = await signedInVisitor(databaseUrl, `admin-${unique()}@example.org`, "ADMIN");
  reader = await signedInVisitor(databaseUrl, `reader-${unique()}@example.org`, "USER");
});
afterAll(() => pool.end());

function get(pathname: string, visitor?: Visitor) {
  return fetch(`${baseUrl}${pathname}`, { headers: visitor ? { cookie: visitor.cookie } : {}, redirect: "manual" });
}

const pages = () => ["/admin", "/admin/mail", "/admin/outbox", `/admin/outbox/${messageId}`];

describe("who may see the admin pages", () => {
  it("signed out: every admin page redirects to sign-in and back", async () => {
    for (const pathname of pages()) {
      const response = await get(pathname);
      expect([303, 307], pathname).toContain(response.status);
      const location = new URL(response.headers.get("location")!, baseUrl);
      expect(location.pathname, pathname).toBe("/signin");
      expect(location.searchParams.get("callbackUrl"), pathname).toBe(pathname);
    }
  });

  it("a forged session cookie is just signed out", async () => {
    const response = await fetch(`${baseUrl}/admin/mail`, {
      headers: { cookie: "authjs.session-token=forged" },
      redirect: "manual",
    });
    expect(response.status).toBe(307);
  });

  it("a signed-in non-admin gets 403 on every admin page, without the page's data", async () => {
    for (const pathname of pages()) {
      const response = await get(pathname, reader);
      expect(response.status, pathname).toBe(403);
      const html = await response.text();
      expect(html, pathname).toContain("Admins only");
      expect(html, pathname).not.toContain("Admin outbox check");
    }
  });

  it("a signed-out visitor asking for an unknown outbox id is sent to sign in, not told it does not exist", async () => {
    const response = await get("/admin/outbox/not-an-id");
    expect(response.status).toBe(307);
  });
});

describe("the admin pages for an admin", () => {
  it("/admin links Mail and Outbox and keeps a place for Imports", async () => {
    const response = await get("/admin", admin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('href="/admin/mail"');
    expect(html).toContain('href="/admin/outbox"');
    expect(html).toContain("Imports");
  });

  it("/admin/mail shows subscribers by status, recent sends, failures and the test-digest button", async () => {
    const email = `failing-${unique()}@example.org`;
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO subscriber (email, status) VALUES ($1, 'CONFIRMED') RETURNING id`,
      [email],
    );
    await pool.query(
      `INSERT INTO digest_delivery (period, subscriber_id, status, paper_ids, batch, error) VALUES ('daily:2025-04-30', $1, 'FAILED', '{}', 0, '422 validation_error: bad address')`,
      [rows[0]!.id],
    );
    const response = await get("/admin/mail", admin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/data-status="CONFIRMED">\d+</);
    expect(html).toContain("daily:2025-04-30");
    expect(html).toContain(email);
    expect(html).toContain("422 validation_error: bad address");
    expect(html).toContain("Send a test digest to me");
  });

  it("/admin/outbox lists the messages, newest first, linking each one", async () => {
    const response = await get("/admin/outbox", admin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="/admin/outbox/${messageId}"`);
    expect(html).toContain("Admin outbox check");
  });

  it("/admin/outbox/:id shows headers and text, and the HTML only inside a sandboxed frame", async () => {
    const response = await get(`/admin/outbox/${messageId}`, admin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("List-Unsubscribe");
    expect(html).toContain("Hello reader, in plain text");
    const frame = html.match(/<iframe[^>]*>/)?.[0] ?? "";
    expect(frame).toContain('sandbox=""');
    expect(frame).toContain('srcDoc="&lt;p&gt;Hello &lt;b&gt;reader&lt;/b&gt;');
    // The email's markup never reaches our page as markup.
    expect(html).not.toContain(SCRIPT_HTML);
    expect(html).not.toContain('<script>document.title = "owned"</script>');
  });

  it("an outbox id that is malformed or unknown is a 404", async () => {
    for (const id of ["not-an-id", "..%2F..%2Fetc", "20990101T000000000Z-000000000000"]) {
      expect((await get(`/admin/outbox/${id}`, admin)).status, id).toBe(404);
    }
  });
});

/** The hidden fields React renders into a server-action form, so it also works without JavaScript. */
function actionFields(html: string): FormData {
  const form = html.match(/<form[^>]*>[\s\S]*?Send a test digest to me[\s\S]*?<\/form>/)?.[0];
  if (!form) throw new Error("no test-digest form on /admin/mail");
  const data = new FormData();
  const decode = (value: string) =>
    value
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g))
    data.append(decode(name!), decode(value ?? ""));
  return data;
}

describe("the test-digest action over HTTP", () => {
  it("posted by a non-admin who is subscribed, it sends nothing; posted by a subscribed admin, it mails the admin", async () => {
    for (const visitor of [reader, admin]) {
      await pool.query(`INSERT INTO subscriber (email, status, confirmed_at) VALUES ($1, 'CONFIRMED', now())`, [
        visitor.email,
      ]);
    }
    const fields = actionFields(await (await get("/admin/mail", admin)).text());
    const post = (visitor: Visitor) =>
      fetch(`${baseUrl}/admin/mail`, {
        method: "POST",
        headers: { cookie: visitor.cookie, origin: baseUrl },
        body: fields,
        redirect: "manual",
      });

    const refused = await post(reader);
    expect(refused.status).toBe(403);
    expect((await listOutbox(500, { outboxDir })).map((message) => message.to)).not.toContain(reader.email);

    const accepted = await post(admin);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain(`is on its way to ${admin.email}`);
    expect((await listOutbox(500, { outboxDir })).map((message) => message.to)).toContain(admin.email);
  });
});
