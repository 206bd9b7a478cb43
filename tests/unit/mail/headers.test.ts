import { describe, expect, it } from "vitest";
import { mailFrom, recipientProblem, sanitizeHeaderValue, sanitizeHeaders } from "../../../lib/mail/headers";

describe("header values", () => {
  it("turns an injected CRLF header line into plain text on the same line", () => {
    expect(sanitizeHeaderValue("Hello\r\nBcc: victim@example.org")).toBe("Hello Bcc: victim@example.org");
  });

  it("collapses every run of control characters, tabs, DEL and Unicode line separators to one space, and trims", () => {
    expect(sanitizeHeaderValue("\t a\u0000\u0007b\u007fc\u2028d\n\n\re  ")).toBe("a b c d e");
  });

  it("caps a long value at 200 characters ending with an ellipsis", () => {
    const capped = sanitizeHeaderValue("x".repeat(500));
    expect(Array.from(capped)).toHaveLength(200);
    expect(capped.endsWith("…")).toBe(true);
  });

  it("leaves a value of exactly the limit alone and never cuts an emoji in half", () => {
    expect(sanitizeHeaderValue("y".repeat(200))).toBe("y".repeat(200));
    const capped = sanitizeHeaderValue("🙂".repeat(300), 10);
    expect(capped).toBe(`${"🙂".repeat(9)}…`);
  });

  it("keeps the sender's display name and address but not a line break smuggled into MAIL_FROM", () => {
    expect(mailFrom("PaperPulse <papers@example.org>")).toBe("PaperPulse <papers@example.org>");
    expect(mailFrom("PaperPulse <papers@example.org>\r\nBcc: x@y.org")).toBe(
      "PaperPulse <papers@example.org> Bcc: x@y.org",
    );
  });
});

describe("extra headers", () => {
  it("sanitizes values but lets long ones such as List-Unsubscribe keep their full URL", () => {
    const url = `<https://papers.example.org/unsubscribe?token=${"a".repeat(300)}>`;
    expect(sanitizeHeaders({ "List-Unsubscribe": url, "X-Entity-Ref-ID": "abc\r\nBcc: x@y.org" })).toEqual({
      "List-Unsubscribe": url,
      "X-Entity-Ref-ID": "abc Bcc: x@y.org",
    });
  });

  it("refuses a header name that could end the header block or start another header", () => {
    expect(() => sanitizeHeaders({ "X-Ok\r\nBcc": "x@y.org" })).toThrow(/not a valid header name/);
    expect(() => sanitizeHeaders({ "Bad:Name": "v" })).toThrow(/not a valid header name/);
  });
});

describe("recipients", () => {
  it("accepts one plain or named address", () => {
    expect(recipientProblem("ada@example.org")).toBeUndefined();
    expect(recipientProblem("Ada Lovelace <ada@example.org>")).toBeUndefined();
  });

  it("refuses rather than repairs an address with a line break or a second address", () => {
    expect(recipientProblem("ada@example.org\r\nBcc: x@y.org")).toMatch(/control character/);
    expect(recipientProblem("ada@example.org, eve@example.org")).toMatch(/more than one address/);
    expect(recipientProblem("  ")).toMatch(/no recipient/);
  });
});
