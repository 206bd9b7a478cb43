import { describe, expect, it } from "vitest";
import { DigestRejectedError } from "../../../lib/ingest/rejected";
import { detectDigestFormat, parseAnyDigest } from "../../../lib/ingest/parse-any";
import type { DigestEvent, ParseOptions } from "../../../lib/ingest/types";

const options: ParseOptions = { today: "2025-05-03" };
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part) : Buffer.from(part))));
const BOM = [0xef, 0xbb, 0xbf];
const TEXT_DIGEST = "May 2, 2025\n\nA Text Paper\n\nAn abstract.\n";
const JSON_DIGEST = JSON.stringify([
  { paper: { id: "2505.00001", title: "A JSON Paper", summary: "An abstract.", publishedAt: "2025-05-02T09:00:00Z" } },
]);

/** Feeds the bytes in small chunks, so detection cannot rely on seeing the whole file at once. */
async function* chunks(content: Uint8Array, size = 5): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < content.length; i += size) yield content.subarray(i, i + size);
}

async function parse(content: Uint8Array): Promise<DigestEvent[]> {
  const events: DigestEvent[] = [];
  for await (const event of parseAnyDigest(chunks(content), options)) events.push(event);
  return events;
}

async function rejection(content: Uint8Array): Promise<string> {
  const error = await parse(content).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestRejectedError);
  return (error as Error).message;
}

describe("telling the formats apart by content", () => {
  it.each([
    ["a JSON array", bytes("[{}]"), "HF_JSON"],
    ["a JSON object", bytes('{"error":"x"}'), "HF_JSON"],
    ["JSON after a byte order mark and blank lines", bytes(BOM, "\r\n \t\n["), "HF_JSON"],
    ["a text digest", bytes(TEXT_DIGEST), "TEXT"],
    ["a text digest after a byte order mark", bytes(BOM, TEXT_DIGEST), "TEXT"],
    ["a title that starts with a bracket-like word", bytes("(Re)Thinking Vision\n"), "TEXT"],
    ["an empty file", bytes(""), "TEXT"],
  ])("%s is %s", (_name, content, format) => {
    expect(detectDigestFormat(content)).toBe(format);
  });

  it("announces the format first, then the parser's events", async () => {
    const json = await parse(bytes(BOM, "\n", JSON_DIGEST));
    expect(json.map((e) => e.type)).toEqual(["format", "date", "paper"]);
    expect(json[0]).toEqual({ type: "format", format: "HF_JSON" });
    const text = await parse(bytes(TEXT_DIGEST));
    expect(text[0]).toEqual({ type: "format", format: "TEXT" });
    expect(text.flatMap((e) => (e.type === "paper" ? [e.paper.title] : []))).toEqual(["A Text Paper"]);
  });

  it("reads a JSON file whose name says .txt as JSON: the name does not matter, only the bytes", async () => {
    const events = await parse(bytes(JSON_DIGEST));
    expect(events.flatMap((e) => (e.type === "paper" ? [e.paper.arxivId] : []))).toEqual(["2505.00001"]);
  });
});

describe("files that are neither format", () => {
  it("rejects a PNG image", async () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], "IHDR");
    expect(await rejection(png)).toBe(
      "the file is neither a text digest nor Hugging Face JSON: it looks like a binary file (a PNG image)",
    );
  });

  it("rejects a PDF", async () => {
    expect(await rejection(bytes("%PDF-1.7\n%âãÏÓ\n"))).toMatch(
      /neither a text digest nor Hugging Face JSON: .*a PDF document/,
    );
  });

  it("rejects bytes with NUL in them", async () => {
    expect(await rejection(bytes([0x00, 0x01, 0x02, 0x03]))).toMatch(
      /neither a text digest nor Hugging Face JSON: it looks like a binary file/,
    );
  });

  it("rejects a saved web page", async () => {
    expect(await rejection(bytes(BOM, "\n<!DOCTYPE html>\n<html><body>Daily Papers</body></html>"))).toMatch(
      /neither a text digest nor Hugging Face JSON: it looks like a web page \(HTML\)/,
    );
  });

  it("rejects text with no digest structure through the text parser's own reasons", async () => {
    expect(await rejection(bytes("just some notes.\nnothing else.\n"))).toMatch(/no digest date found|no papers found/);
  });
});

describe("invalid UTF-8 in either format names the byte offset", () => {
  it("in a text digest", async () => {
    const content = bytes("May 2, 2025\n\nA Title\n\nCaf", [0xe9], " au lait.\n");
    expect(await rejection(content)).toBe(
      "the file is not valid UTF-8 (byte offset 25, near line 5); save it as UTF-8 text and retry",
    );
  });

  it("in a text digest read in small chunks, with the bad byte right after a multi-byte character", async () => {
    // Past the first 512 bytes the stream reaches the text parser in 5-byte chunks; "é" takes bytes 538-539.
    const head = `May 2, 2025\n\nA Title\n\n${"x".repeat(512)} Caf`;
    const content = bytes(head, "é", [0x80], "\n");
    expect(Buffer.byteLength(head)).toBe(538);
    expect(await rejection(content)).toMatch(/\(byte offset 540, near line 5\)/);
  });

  it("in Hugging Face JSON", async () => {
    const content = bytes('[{"paper":{"title":"Caf', [0xe9], '"}}]');
    expect(await rejection(content)).toBe("the file is not valid UTF-8 (byte offset 23); save it as UTF-8 and retry");
  });
});
