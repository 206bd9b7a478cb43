// One message through the real resend SDK against the fake Resend API.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendMail } from "../../lib/mail/send";
import type { MailMessage, MailOptions } from "../../lib/mail/types";
import { dropConnection, rateLimited, serverError, start, type FakeResend } from "../support/fake-resend";
import { virtualClock } from "../support/virtual-clock";

let fake: FakeResend;
let outboxDir: string;
let options: MailOptions;

beforeAll(async () => {
  fake = await start();
  // The SDK reads RESEND_BASE_URL in its constructor; sendMail builds a client per call, so this is enough.
  process.env.RESEND_BASE_URL = fake.url;
  outboxDir = await mkdtemp(path.join(tmpdir(), "pp-mail-send-"));
  options = {
    apiKey: "re_test_key",
    from: "PaperPulse <papers@example.org>",
    outboxDir,
    baseDelayMs: 5,
    log: () => undefined,
  };
});

afterEach(() => {
  fake.script(undefined);
  fake.requests.length = 0;
  fake.delivered.length = 0;
});

afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await fake.close();
  await rm(outboxDir, { recursive: true, force: true });
});

const message = (overrides: Partial<MailMessage> = {}): MailMessage => ({
  to: "ada@example.org",
  subject: "Sign in to PaperPulse",
  html: "<p>Hello</p>",
  text: "Hello https://papers.example.org/x",
  ...overrides,
});

describe("sending one message through Resend", () => {
  it("delivers with our sender, the API key, headers, tags and the caller's idempotency key", async () => {
    const result = await sendMail(
      message({
        headers: { "List-Unsubscribe": "<https://papers.example.org/u/1>" },
        tags: [{ name: "kind", value: "sign_in" }],
        idempotencyKey: "sign-in/42",
      }),
      options,
    );
    expect(result).toEqual({ ok: true, id: fake.delivered[0]?.id, via: "resend" });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: "POST", path: "/emails" });
    expect(request?.headers.authorization).toBe("Bearer re_test_key");
    expect(request?.headers["idempotency-key"]).toBe("sign-in/42");
    expect(request?.body).toMatchObject({
      from: "PaperPulse <papers@example.org>",
      to: "ada@example.org",
      subject: "Sign in to PaperPulse",
      html: "<p>Hello</p>",
      text: "Hello https://papers.example.org/x",
      headers: { "List-Unsubscribe": "<https://papers.example.org/u/1>" },
      tags: [{ name: "kind", value: "sign_in" }],
    });
  });

  it("goes to an explicit baseUrl rather than RESEND_BASE_URL when given one", async () => {
    const other = await start();
    try {
      const result = await sendMail(message(), { ...options, baseUrl: other.url });
      expect(result.ok).toBe(true);
      expect(other.delivered).toHaveLength(1);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("neutralises a subject carrying \\r\\nBcc: so the provider sees one subject line and no Bcc", async () => {
    const result = await sendMail(
      message({ subject: "Hi\r\nBcc: x@y.org", headers: { "X-Ref": "1\r\nBcc: x@y.org" } }),
      options,
    );
    expect(result.ok).toBe(true);
    const body = fake.requests[0]?.body as Record<string, unknown>;
    expect(body.subject).toBe("Hi Bcc: x@y.org");
    expect(body.headers).toEqual({ "X-Ref": "1 Bcc: x@y.org" });
    expect(body).not.toHaveProperty("bcc");
  });

  it("refuses a recipient with a line break before calling the provider", async () => {
    const result = await sendMail(message({ to: "ada@example.org\r\nBcc: x@y.org" }), options);
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(fake.requests).toHaveLength(0);
  });

  it("retries a 5xx with the same generated idempotency key and then succeeds", async () => {
    fake.script((request) => (request.n === 1 ? serverError(503) : undefined));
    const result = await sendMail(message(), options);
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
    const keys = fake.requests.map((request) => request.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(fake.delivered).toHaveLength(1);
  });

  it("retries a connection dropped before any answer", async () => {
    fake.script((request) => (request.n === 1 ? dropConnection() : undefined));
    const result = await sendMail(message(), options);
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
  });

  it("sends once when the connection drops after Resend accepted the email: the retry repeats the key", async () => {
    fake.script((request) => (request.n === 1 ? dropConnection({ afterDelivery: true }) : undefined));
    const result = await sendMail(message({ idempotencyKey: "sign-in/drop" }), options);
    expect(fake.requests.map((request) => request.headers["idempotency-key"])).toEqual([
      "sign-in/drop",
      "sign-in/drop",
    ]);
    expect(fake.delivered).toHaveLength(1);
    expect(result).toEqual({ ok: true, id: fake.delivered[0]?.id, via: "resend" });
  });

  it("waits for a 429's Retry-After before retrying", async () => {
    fake.script((request) => (request.n === 1 ? rateLimited(1) : undefined));
    const { clock, waits } = virtualClock();
    const result = await sendMail(message(), { ...options, clock });
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it("fails at once, not permanently, when a 429 asks for a longer wait than allowed", async () => {
    fake.script(() => rateLimited(3600));
    const { clock, waits } = virtualClock();
    const result = await sendMail(message(), { ...options, clock });
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error).toMatch(/429 rate_limit_exceeded.*asked to wait 3600 s/);
    expect(waits).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it("gives up after the configured attempts when the provider keeps failing, and says so", async () => {
    fake.script(() => serverError(500));
    const result = await sendMail(message(), { ...options, attempts: 4 });
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error).toMatch(/500 internal_server_error.*gave up after 4 attempts/);
    expect(fake.requests).toHaveLength(4);
  });

  it("reports a rejected address as permanent without retrying", async () => {
    const result = await sendMail(message({ to: "not-an-address" }), options);
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(!result.ok && result.error).toMatch(/422 validation_error/);
    expect(fake.requests).toHaveLength(1);
  });

  it("reports a wrong API key as a configuration failure, not the recipient's fault", async () => {
    const strict = await start({ apiKey: "re_right" });
    try {
      const result = await sendMail(message(), { ...options, apiKey: "re_wrong", baseUrl: strict.url });
      expect(result).toMatchObject({ ok: false, permanent: false });
      expect(!result.ok && result.error).toMatch(/403 invalid_api_key/);
      expect(strict.requests).toHaveLength(1);
    } finally {
      await strict.close();
    }
  });
});
