// The batch body we encode ourselves: the bytes the Resend SDK would send, and each email findable in it.
import { describe, expect, it } from "vitest";
import { encodeChunk, type ApiEmail } from "../../../lib/mail/resend-batch";

const email = (i: number): ApiEmail => ({
  from: "PaperPulse <papers@example.org>",
  to: `reader${i}@example.org`,
  subject: `PaperPulse: 3 trending papers — Title ${i} “quoted” 🎥`,
  html: `<p>Paper ${i} &#8230;</p>`,
  text: `Paper ${i} … "quoted"\nline two`,
  headers: { "List-Unsubscribe": `<https://papers.example.org/u/${i}>` },
  tags: [{ name: "category", value: "digest" }],
});

describe("encoding a batch for Resend", () => {
  it("gives the bytes of the SDK's JSON body, keys in its order, so an idempotency key matches either", () => {
    const emails = [email(1), email(2), { ...email(3), headers: undefined }];
    // The SDK's parseEmailToApiOptions order (attachments, bcc, cc, from, headers, html, reply_to,
    // scheduled_at, subject, tags, text, to, ...), undefined fields left out by JSON.stringify.
    const sdk = JSON.stringify(
      emails.map((e) => ({
        attachments: undefined,
        from: e.from,
        headers: e.headers,
        html: e.html,
        subject: e.subject,
        tags: e.tags,
        text: e.text,
        to: e.to,
      })),
    );
    const { body, emails: views } = encodeChunk(emails);
    expect(body.equals(Buffer.from(sdk))).toBe(true);
    expect(views.map((view) => JSON.parse(view.toString("utf8")) as unknown)).toEqual(
      emails.map((e) => JSON.parse(JSON.stringify(e)) as unknown),
    );
  });

  it("encodes one email as a one-element array", () => {
    expect(JSON.parse(encodeChunk([email(7)]).body.toString("utf8"))).toEqual([JSON.parse(JSON.stringify(email(7)))]);
  });
});
