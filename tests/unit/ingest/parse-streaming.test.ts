import { describe, expect, it } from "vitest";
import { parseDigest, parseDigestText } from "../../../lib/ingest/parse";
import { DigestRejectedError } from "../../../lib/ingest/rejected";
import type { ParsedPaper, Problem } from "../../../lib/ingest/types";

const options = { today: "2025-05-01" };
const encoder = new TextEncoder();

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.slice(start, cut);
    start = cut;
  }
}

async function collect(source: AsyncIterable<Uint8Array | string>) {
  let date = "";
  const papers: ParsedPaper[] = [];
  const problems: Problem[] = [];
  for await (const event of parseDigest(source, options)) {
    if (event.type === "date") date = event.date;
    else if (event.type === "paper") papers.push(event.paper);
    else if (event.type === "problem") problems.push(event.problem);
  }
  return { date, papers, problems };
}

async function rejection(source: AsyncIterable<Uint8Array | string>): Promise<DigestRejectedError> {
  const error = await collect(source).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestRejectedError);
  return error as DigestRejectedError;
}

const TEXT = [
  "\uFEFFnew",
  "",
  "Apr 30",
  "",
  "Über-Modelle: Multimodal ✓",
  "",
  "Wir stellen vor, 多模态 and",
  "more. Code: https://github.com/a/b,",
  "",
  "Orphan",
  "",
  "Second Title",
  "",
  "Abstract two.",
].join("\r\n");

describe("streamed input", () => {
  it("gives the same papers and line numbers wherever the chunks are cut", async () => {
    const bytes = encoder.encode(TEXT);
    const whole = await collect(chunked(bytes, []));
    expect(whole.papers.map((p) => [p.title, p.line])).toEqual([
      ["Über-Modelle: Multimodal ✓", 5],
      ["Second Title", 12],
    ]);
    expect(whole.papers[0]!.abstract).toBe("Wir stellen vor, 多模态 and more. Code: https://github.com/a/b,");
    expect(whole.papers[0]!.links).toEqual([{ url: "https://github.com/a/b", kind: "CODE" }]);
    expect(whole.problems).toEqual([{ line: 10, message: 'title with no abstract, skipped: "Orphan"' }]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await collect(chunked(bytes, [cut]))).toEqual(whole);
    }
    expect(
      await collect(
        chunked(
          bytes,
          Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
        ),
      ),
    ).toEqual(whole);
  });

  it("counts lines exactly when a chunk ends between \\r and \\n", async () => {
    const bytes = encoder.encode("Apr 30\r\n\r\nTitle\r\n\r\nAbstract text.\r\n\r\nOrphan\r\n");
    const cuts = [...bytes.keys()].filter((i) => bytes[i - 1] === 13); // every chunk ends right after a "\r"
    expect(cuts).toHaveLength(7);
    const result = await collect(chunked(bytes, cuts));
    expect(result.papers.map((p) => p.line)).toEqual([3]);
    expect(result.problems.map((p) => p.line)).toEqual([7]);
  });

  it("decodes a multi-byte character split across chunks", async () => {
    const bytes = encoder.encode("Apr 30\n\nTitle é\n\nAbstract ✓ here.");
    const split = bytes.indexOf(0xe2) + 1; // inside the three bytes of ✓
    const result = await collect(chunked(bytes, [split, split + 1]));
    expect(result.papers[0]!.abstract).toBe("Abstract ✓ here.");
  });

  it("accepts string chunks", async () => {
    async function* strings() {
      yield "Apr 30\r";
      yield "\n\r\nTitle\n\nAbs";
      yield "tract.";
    }
    const result = await collect(strings());
    expect(result.papers.map((p) => [p.title, p.abstract, p.line])).toEqual([["Title", "Abstract.", 3]]);
  });

  it("rejects invalid UTF-8 and names the line near the bad bytes", async () => {
    const head = encoder.encode("Apr 30\n\nTitle\n\nAbstract ");
    const bytes = new Uint8Array([...head, 0xff, 0xfe, ...encoder.encode(" more.\n")]);
    const error = await rejection(chunked(bytes, [3]));
    expect(error.message).toBe(
      "the file is not valid UTF-8 (byte offset 24, near line 5); save it as UTF-8 text and retry",
    );
    expect(error.line).toBe(5);
  });

  it("rejects a file that ends in the middle of a multi-byte character", async () => {
    const bytes = new Uint8Array([...encoder.encode("Apr 30\n\nTitle\n\nAbstract."), 0xe2, 0x9c]);
    expect((await rejection(chunked(bytes, []))).message).toMatch(/is not valid UTF-8 \(byte offset 24, near line 5\)/);
  });

  it("rejects binary content", async () => {
    const bytes = new Uint8Array([...encoder.encode("Apr 30\n\nTi"), 0x00, 0x01, 0x02]);
    const error = await rejection(chunked(bytes, []));
    expect(error.message).toMatch(/looks like a binary file, not a text digest/);
    expect(error.line).toBe(3);
  });

  it("allows tabs and form feeds", async () => {
    const result = await parseDigestText("Apr 30\f\n\nTitle\there\n\nAbstract\twith a tab.", options);
    expect(result.papers.map((p) => [p.title, p.abstract])).toEqual([["Title here", "Abstract with a tab."]]);
  });
});
