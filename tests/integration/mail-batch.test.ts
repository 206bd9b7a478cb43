// Many messages through Resend's batch endpoint, via the real resend SDK against the fake Resend API.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sendBatch } from "../../lib/mail/send";
import type { BatchOptions, MailMessage } from "../../lib/mail/types";
import {
  dropConnection,
  rateLimited,
  rejectAddress,
  serverError,
  start,
  type FakeResend,
} from "../support/fake-resend";
import { virtualClock } from "../support/virtual-clock";

let fake: FakeResend;
let outboxDir: string;
let options: BatchOptions;

beforeAll(async () => {
  fake = await start();
  process.env.RESEND_BASE_URL = fake.url;
  outboxDir = await mkdtemp(path.join(tmpdir(), "pp-mail-batch-"));
  // A fast rate and short backoff keep the suite quick; one test checks the default 5/s spacing.
  options = {
    apiKey: "re_test_key",
    from: "PaperPulse <papers@example.org>",
    outboxDir,
    baseDelayMs: 5,
    ratePerSecond: 1000,
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

const messages = (count: number, to = (i: number) => `reader${i}@example.org`): MailMessage[] =>
  Array.from({ length: count }, (_, i) => ({ to: to(i), subject: `Digest ${i}`, html: `<p>${i}</p>`, text: `${i}` }));

const batchRequests = () => fake.requests.filter((request) => request.path === "/emails/batch");

describe("sending a batch through Resend", () => {
  it("splits 250 messages into calls of 100, 100 and 50, spaced at 5 per second, with ids in input order", async () => {
    const { ratePerSecond: _fast, ...defaultRate } = options;
    const { clock, waits } = virtualClock();
    const results = await sendBatch(messages(250), { ...defaultRate, batchKey: "digest/2025-05-01", clock });

    expect(batchRequests().map((request) => (request.body as unknown[]).length)).toEqual([100, 100, 50]);
    expect(batchRequests().map((request) => request.headers["idempotency-key"])).toEqual([
      "digest/2025-05-01/0",
      "digest/2025-05-01/1",
      "digest/2025-05-01/2",
    ]);
    // Three calls at 5 per second: the first at once, each of the others 200 ms after the one before.
    expect(waits).toEqual([200, 200]);

    expect(results).toHaveLength(250);
    expect(results.every((result, i) => result.ok && result.index === i)).toBe(true);
    expect(results.map((result) => result.id)).toEqual(fake.delivered.map((email) => email.id));
    expect(fake.delivered.map((email) => email.to)).toEqual(messages(250).map((message) => message.to));
  });

  it("waits out a 429's Retry-After and resends that chunk with the same key", async () => {
    fake.script((request) => (request.n === 2 ? rateLimited(1) : undefined));
    const { clock, waits } = virtualClock();
    const results = await sendBatch(messages(150), { ...options, batchKey: "b429", clock });
    expect(results.every((result) => result.ok)).toBe(true);
    // The pacer's 1 ms before the second chunk (1000 per second here), then the 429's full second.
    expect(waits).toEqual([1, 1000]);
    expect(fake.requests.map((request) => request.headers["idempotency-key"])).toEqual(["b429/0", "b429/1", "b429/1"]);
    expect(fake.delivered).toHaveLength(150);
  });

  it("retries a 5xx with backoff and then delivers everything once", async () => {
    fake.script((request) => (request.n <= 2 ? serverError(502) : undefined));
    const results = await sendBatch(messages(30), { ...options, batchKey: "b5xx" });
    expect(results.every((result) => result.ok)).toBe(true);
    expect(fake.requests).toHaveLength(3);
    expect(fake.delivered).toHaveLength(30);
  });

  it("delivers no duplicates when the connection drops after Resend accepted a chunk", async () => {
    fake.script((request) => (request.n === 1 ? dropConnection({ afterDelivery: true }) : undefined));
    const results = await sendBatch(messages(10), { ...options, batchKey: "bdrop" });
    expect(fake.requests.map((request) => request.headers["idempotency-key"])).toEqual(["bdrop/0", "bdrop/0"]);
    expect(fake.delivered).toHaveLength(10);
    expect(results.map((result) => result.id)).toEqual(fake.delivered.map((email) => email.id));
  });

  it("retries a connection dropped before any answer", async () => {
    fake.script((request) => (request.n === 1 ? dropConnection() : undefined));
    const results = await sendBatch(messages(10), { ...options, batchKey: "bdrop-early" });
    expect(results.every((result) => result.ok)).toBe(true);
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(10);
  });

  it("marks only the rejected address failed: its chunk is resent one by one, other chunks are untouched", async () => {
    fake.script(() => rejectAddress("reader120@example.org"));
    const results = await sendBatch(messages(150), { ...options, batchKey: "b422" });

    expect(results[120]).toMatchObject({ index: 120, ok: false, permanent: true });
    expect(results[120]?.error).toMatch(/422 validation_error/);
    expect(results.filter((result) => !result.ok)).toHaveLength(1);
    expect(fake.delivered.map((email) => email.to).sort()).toEqual(
      messages(150)
        .map((m) => m.to)
        .filter((to) => to !== "reader120@example.org")
        .sort(),
    );

    // Chunk 0 in one call; chunk 1 once as a batch (rejected), then 50 single sends with their own keys.
    expect(batchRequests().map((request) => request.headers["idempotency-key"])).toEqual(["b422/0", "b422/1"]);
    const singles = fake.requests.filter((request) => request.path === "/emails");
    expect(singles).toHaveLength(50);
    expect(singles[20]?.headers["idempotency-key"]).toBe("b422/1/20");
    expect(results[149]).toMatchObject({
      ok: true,
      id: fake.delivered.find((email) => email.to === "reader149@example.org")?.id,
    });
  });

  it("sends nothing twice when the same batch is run again with the same batch key", async () => {
    const first = await sendBatch(messages(120), { ...options, batchKey: "digest/rerun" });
    const second = await sendBatch(messages(120), { ...options, batchKey: "digest/rerun" });
    expect(fake.delivered).toHaveLength(120);
    expect(second.map((result) => result.id)).toEqual(first.map((result) => result.id));
  });

  it("fails a message that cannot be sent safely on its own, before any call, and sends the rest", async () => {
    const input = messages(3);
    input[1] = { ...input[1]!, to: "reader1@example.org\r\nBcc: x@y.org" };
    const results = await sendBatch(input, { ...options, batchKey: "bcrlf" });
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ index: 1, permanent: true });
    expect(fake.delivered.map((email) => email.to)).toEqual(["reader0@example.org", "reader2@example.org"]);
  });

  it("stops calling Resend after a wrong API key and fails every message as not the recipients' fault", async () => {
    const strict = await start({ apiKey: "re_right" });
    try {
      const results = await sendBatch(messages(250), { ...options, apiKey: "re_wrong", baseUrl: strict.url });
      expect(strict.requests).toHaveLength(1);
      expect(
        results.every(
          (result) => !result.ok && result.permanent === false && /403 invalid_api_key/.test(result.error ?? ""),
        ),
      ).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it("returns an empty result for no messages without calling Resend", async () => {
    expect(await sendBatch([], options)).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });
});
