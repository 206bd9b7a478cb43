// POST /api/webhooks/resend through the route handler: signed bounces and complaints suppress, anything unsigned changes nothing.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
// Other methods get 405 from Next itself: tests/e2e/api-methods-http.test.ts sends them to the real server.
import { POST } from "../../app/api/webhooks/resend/route";
import { signWebhook, verifyWebhook } from "../../lib/mail/webhook";
import { setUpTestDatabase } from "../support/database";

const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
// Read by env() on the first request, after this file's setup.
process.env.RESEND_WEBHOOK_SECRET = SECRET;
const testDb = setUpTestDatabase();

async function subscriber(email: string, status = "CONFIRMED") {
  await testDb.pool.query(`INSERT INTO subscriber (email, status) VALUES ($1, $2::"SubscriberStatus")`, [
    email,
    status,
  ]);
}

async function state(email: string) {
  const { rows } = await testDb.pool.query<{
    status: string;
    suppressed_at: Date | null;
    suppressed_why: string | null;
  }>(`SELECT status, suppressed_at, suppressed_why FROM subscriber WHERE email = $1`, [email]);
  return rows[0];
}

function event(type: string, to: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    type,
    created_at: "2025-05-01T07:00:05.000Z",
    data: {
      email_id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
      from: "PaperPulse <papers@example.org>",
      to: [to],
      subject: "Your digest",
      created_at: "2025-05-01T07:00:00.000Z",
      ...extra,
    },
  });
}

type Signing = { secret?: string; timestamp?: number; signature?: string | null };

function deliver(
  body: string,
  { secret = SECRET, timestamp = Math.floor(Date.now() / 1000), signature }: Signing = {},
) {
  const id = `msg_${randomBytes(8).toString("hex")}`;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "svix-id": id,
    "svix-timestamp": String(timestamp),
  };
  const signed = signature === undefined ? signWebhook(secret, id, timestamp, body) : signature;
  if (signed !== null) headers["svix-signature"] = signed;
  return POST(new Request("http://localhost/api/webhooks/resend", { method: "POST", headers, body }));
}

const hardBounce = (to: string) =>
  event("email.bounced", to, {
    bounce: { type: "Permanent", subType: "General", message: "The recipient's mailbox does not exist." },
  });
const unique = (name: string) => `${name}-${randomBytes(4).toString("hex")}@example.org`;

describe("signature check", () => {
  it("agrees with the Svix / Standard Webhooks published example signature", () => {
    expect(
      signWebhook(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("accepts any one matching signature among several (a secret being rotated)", () => {
    const body = "{}";
    const good = signWebhook(SECRET, "msg_1", 1_700_000_000, body);
    const headers = new Headers({
      "svix-id": "msg_1",
      "svix-timestamp": "1700000000",
      "svix-signature": `v1,AAAA ${good}`,
    });
    expect(verifyWebhook(SECRET, headers, body, 1_700_000_000_000)).toEqual({ ok: true });
  });
});

describe("POST /api/webhooks/resend", () => {
  it("a signed hard bounce suppresses the subscriber with the date and reason, and no one else", async () => {
    const [bounced, bystander] = [unique("bounced"), unique("bystander")];
    await subscriber(bounced);
    await subscriber(bystander);
    const response = await deliver(hardBounce(bounced));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, suppressed: 1 });
    const after = await state(bounced);
    expect(after).toMatchObject({ status: "SUPPRESSED", suppressed_why: "bounced" });
    expect(after!.suppressed_at).toBeInstanceOf(Date);
    expect(await state(bystander)).toEqual({ status: "CONFIRMED", suppressed_at: null, suppressed_why: null });
  });

  it("a signed complaint suppresses with reason complained, whatever case the address arrives in", async () => {
    const email = unique("complainer");
    await subscriber(email);
    const response = await deliver(event("email.complained", email.toUpperCase()));
    expect(response.status).toBe(200);
    expect(await state(email)).toMatchObject({ status: "SUPPRESSED", suppressed_why: "complained" });
  });

  it("a repeated webhook keeps the first suppression's date and reason", async () => {
    const email = unique("repeat");
    await subscriber(email);
    await deliver(hardBounce(email));
    const first = await state(email);
    const again = await deliver(event("email.complained", email));
    expect(await again.json()).toEqual({ ok: true, suppressed: 0 });
    expect(await state(email)).toEqual(first);
  });

  it("a bad, foreign or missing signature is refused with 401 and nothing changes", async () => {
    const email = unique("forged");
    await subscriber(email);
    const body = hardBounce(email);
    const otherSecret = `whsec_${randomBytes(24).toString("base64")}`;
    for (const signing of [
      { signature: "v1,bm90IGEgc2lnbmF0dXJl" },
      { secret: otherSecret },
      { signature: null },
      { signature: "v2,abc" },
    ] satisfies Signing[]) {
      const response = await deliver(body, signing);
      expect(response.status, JSON.stringify(signing)).toBe(401);
      expect((await response.json()).error).toMatch(/webhook refused/);
    }
    expect(await state(email)).toEqual({ status: "CONFIRMED", suppressed_at: null, suppressed_why: null });
  });

  it("a body changed after signing is refused", async () => {
    const [victim, other] = [unique("victim"), unique("other")];
    await subscriber(victim);
    const id = "msg_tampered";
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "svix-id": id,
      "svix-timestamp": String(timestamp),
      "svix-signature": signWebhook(SECRET, id, timestamp, hardBounce(other)),
    };
    const response = await POST(
      new Request("http://localhost/api/webhooks/resend", { method: "POST", headers, body: hardBounce(victim) }),
    );
    expect(response.status).toBe(401);
    expect((await state(victim))!.status).toBe("CONFIRMED");
  });

  it("a correctly signed request older or newer than five minutes is refused (no replays)", async () => {
    const email = unique("stale");
    await subscriber(email);
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 6 * 60, now + 6 * 60]) {
      const response = await deliver(hardBounce(email), { timestamp });
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatch(/5 minutes/);
    }
    expect((await state(email))!.status).toBe("CONFIRMED");
  });

  it("a soft (transient) bounce is acknowledged and the subscriber keeps getting mail", async () => {
    const email = unique("mailbox-full");
    await subscriber(email);
    const response = await deliver(
      event("email.bounced", email, { bounce: { type: "Transient", subType: "MailboxFull", message: "Mailbox full" } }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).ignored).toMatch(/soft bounce/);
    expect((await state(email))!.status).toBe("CONFIRMED");
  });

  it("other event types are acknowledged with 200 and change nothing", async () => {
    const email = unique("delivered");
    await subscriber(email);
    for (const type of ["email.delivered", "email.opened", "contact.created"]) {
      const response = await deliver(event(type, email));
      expect(response.status).toBe(200);
      expect((await response.json()).ignored).toMatch(type);
    }
    expect((await state(email))!.status).toBe("CONFIRMED");
  });

  it("a signed body that is not JSON is a 400", async () => {
    const response = await deliver("{not json");
    expect(response.status).toBe(400);
  });

  it("a body far larger than any Resend event is refused with 413 before anything else", async () => {
    const response = await deliver(JSON.stringify({ type: "email.complained", padding: "x".repeat(300 * 1024) }));
    expect(response.status).toBe(413);
  });

  it("a bounce for an address we do not know is acknowledged with nothing suppressed", async () => {
    const response = await deliver(hardBounce(unique("stranger")));
    expect(await response.json()).toEqual({ ok: true, suppressed: 0 });
  });
});
