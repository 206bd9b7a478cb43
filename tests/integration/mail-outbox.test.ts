// Mail without RESEND_API_KEY: the local outbox on disk, written atomically and read back safely.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  findLatestOutboxMessage,
  isOutboxId,
  listOutbox,
  readOutboxMessage,
  writeOutboxMessage,
} from "../../lib/mail/outbox";
import { sendBatch, sendMail } from "../../lib/mail/send";
import { signInEmail } from "../../lib/mail/sign-in-email";
import type { MailOptions } from "../../lib/mail/types";

let root: string;
let outboxDir: string;
let lines: string[];
let options: MailOptions;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "pp-outbox-"));
  outboxDir = path.join(root, "outbox");
  lines = [];
  options = { apiKey: null, from: "PaperPulse <papers@example.org>", outboxDir, log: (line) => lines.push(line) };
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the outbox", () => {
  it("receives a sign-in email when there is no API key, and the console line gives the file and a clickable link", async () => {
    const url = "https://papers.example.org/api/auth/callback/email?token=t0k3n&email=ada%40example.org";
    const result = await sendMail(
      { to: "ada@example.org", ...(await signInEmail({ url, host: "papers.example.org" })), idempotencyKey: "k1" },
      options,
    );

    expect(result).toMatchObject({ ok: true, via: "outbox" });
    const id = result.ok ? result.id : "";
    expect(isOutboxId(id)).toBe(true);
    expect((await readdir(path.join(outboxDir, id))).sort()).toEqual(["headers.json", "message.html", "message.txt"]);
    expect(JSON.parse(await readFile(path.join(outboxDir, id, "headers.json"), "utf8"))).toMatchObject({
      id,
      to: "ada@example.org",
      from: "PaperPulse <papers@example.org>",
      subject: "Sign in to PaperPulse",
      headers: {},
      idempotencyKey: "k1",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(path.join(outboxDir, id));
    expect(lines[0]?.endsWith(`link: ${url}`)).toBe(true);
  });

  it("keeps messages (they hold sign-in links) readable by their owner only: files 0600, directories 0700", async () => {
    const fresh = await sendMail({ to: "ada@example.org", subject: "s", html: "<p>x</p>", text: "x" }, options);
    const id = fresh.ok ? fresh.id : "";
    const mode = async (file: string) => (await stat(file)).mode & 0o777;
    expect(await mode(outboxDir)).toBe(0o700);
    expect(await mode(path.join(outboxDir, id))).toBe(0o700);
    for (const name of ["headers.json", "message.html", "message.txt"])
      expect(await mode(path.join(outboxDir, id, name))).toBe(0o600);
    // An outbox left world-readable by an older version is narrowed at the next message.
    await chmod(outboxDir, 0o755);
    await sendMail({ to: "ada@example.org", subject: "s", html: "<p>x</p>", text: "x" }, options);
    expect(await mode(outboxDir)).toBe(0o700);
  });

  it("stores the neutralised subject, never the raw one", async () => {
    const result = await sendMail(
      { to: "ada@example.org", subject: "Hi\r\nBcc: x@y.org", html: "<p>x</p>", text: "x" },
      options,
    );
    const stored = await readOutboxMessage(result.ok ? result.id : "", { outboxDir });
    expect(stored?.subject).toBe("Hi Bcc: x@y.org");
    expect(lines[0]).not.toMatch(/[\r\n]/);
  });

  it("lists the newest messages first, up to the limit, and reads one back with both bodies", async () => {
    for (const [i, minute] of [10, 12, 11].entries()) {
      await writeOutboxMessage(
        {
          to: `r${i}@example.org`,
          from: "f@example.org",
          subject: `S${i}`,
          headers: { "X-I": String(i) },
          html: `<p>${i}</p>`,
          text: `t${i}`,
        },
        { outboxDir, now: new Date(`2025-05-01T12:${minute}:00Z`) },
      );
    }
    const listed = await listOutbox(2, { outboxDir });
    expect(listed.map((summary) => summary.subject)).toEqual(["S1", "S2"]);
    expect(listed[0]).toEqual({
      id: listed[0]?.id,
      to: "r1@example.org",
      subject: "S1",
      date: "2025-05-01T12:12:00.000Z",
    });

    const message = await readOutboxMessage(listed[0]!.id, { outboxDir });
    expect(message).toMatchObject({ to: "r1@example.org", html: "<p>1</p>", text: "t1", headers: { "X-I": "1" } });
  });

  it("finds the latest message to an address whatever its case, or null", async () => {
    await sendMail({ to: "Ada@Example.org", subject: "first", html: "", text: "one" }, options);
    await sendMail({ to: "eve@example.org", subject: "other", html: "", text: "x" }, options);
    await new Promise((resolve) => setTimeout(resolve, 5)); // ids sort by millisecond
    await sendMail({ to: "ada@example.org", subject: "second", html: "", text: "two" }, options);
    expect((await findLatestOutboxMessage({ to: "ADA@example.org" }, { outboxDir }))?.text).toBe("two");
    expect(await findLatestOutboxMessage({ to: "nobody@example.org" }, { outboxDir })).toBeNull();
  });

  it("refuses ids that are not outbox ids, so a path can never reach the file system", async () => {
    const secret = path.join(root, "secret");
    await mkdir(secret);
    await writeFile(path.join(secret, "headers.json"), JSON.stringify({ to: "x", subject: "stolen" }));
    await writeFile(path.join(secret, "message.html"), "stolen");
    await writeFile(path.join(secret, "message.txt"), "stolen");
    await mkdir(outboxDir);

    for (const id of [
      "../secret",
      "..",
      "/etc/passwd",
      "20250501T120000000Z-abcdefabcdef/../../secret",
      "%2e%2e/secret",
      "",
    ]) {
      expect(await readOutboxMessage(id, { outboxDir })).toBeNull();
    }
    expect(await readOutboxMessage("20250501T120000000Z-abcdefabcdef", { outboxDir })).toBeNull();
  });

  it("never shows a half-written message: temporary directories are skipped and none are left behind", async () => {
    await mkdir(path.join(outboxDir, ".tmp-20250501T120000000Z-abcdefabcdef"), { recursive: true });
    await writeFile(path.join(outboxDir, ".tmp-20250501T120000000Z-abcdefabcdef", "headers.json"), "{");

    // Readers poll while 40 writes race; every message they see must be complete.
    let writing = true;
    const reader = (async () => {
      while (writing) {
        for (const { id } of await listOutbox(100, { outboxDir })) {
          const message = await readOutboxMessage(id, { outboxDir });
          expect(message?.text).toMatch(/^body \d+$/);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sendMail({ to: `r${i}@example.org`, subject: `S${i}`, html: "<p></p>", text: `body ${i}` }, options),
      ),
    );
    writing = false;
    await reader;

    const ids = results.map((result) => (result.ok ? result.id : ""));
    expect(new Set(ids).size).toBe(40);
    expect((await listOutbox(100, { outboxDir })).map((summary) => summary.id).sort()).toEqual([...ids].sort());
    const leftovers = (await readdir(outboxDir)).filter(
      (name) => name.startsWith(".tmp-") && !name.endsWith("abcdefabcdef"),
    );
    expect(leftovers).toEqual([]);
  });

  it("lists nothing before the first message is written", async () => {
    expect(await listOutbox(10, { outboxDir })).toEqual([]);
    expect(await findLatestOutboxMessage({ to: "ada@example.org" }, { outboxDir })).toBeNull();
  });

  it("takes a whole batch without an API key, one message each, with one console line", async () => {
    const messages = Array.from({ length: 5 }, (_, i) => ({
      to: `r${i}@example.org`,
      subject: `Digest ${i}`,
      html: "<p></p>",
      text: `t${i}`,
    }));
    const results = await sendBatch(messages, options);
    expect(results.map((result) => [result.index, result.ok])).toEqual(messages.map((_, i) => [i, true]));
    for (const result of results)
      expect((await readOutboxMessage(result.id!, { outboxDir }))?.to).toBe(`r${result.index}@example.org`);
    expect(lines).toEqual([`[mail] No RESEND_API_KEY: 5 messages written to the outbox ${outboxDir}`]);
  });
});
