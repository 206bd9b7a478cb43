import { describe, expect, it } from "vitest";
import { parseDigest, parseDigestText } from "../../../lib/ingest/parse";
import { DigestRejectedError } from "../../../lib/ingest/rejected";
import type { DigestEvent, ParseOptions } from "../../../lib/ingest/types";

const options: ParseOptions = { today: "2025-05-01" };
const ABSTRACT_A = "We study things. Code at https://github.com/a/b.";
const ABSTRACT_B = "Another abstract about models.";

function digest(...lines: string[]): string {
  return lines.join("\n");
}

async function events(text: string, opts = options): Promise<DigestEvent[]> {
  const out: DigestEvent[] = [];
  async function* source() {
    yield text;
  }
  for await (const event of parseDigest(source(), opts)) out.push(event);
  return out;
}

async function rejection(text: string | Uint8Array, opts = options): Promise<DigestRejectedError> {
  const error = await parseDigestText(text, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DigestRejectedError);
  return error as DigestRejectedError;
}

describe("digest layout", () => {
  it("skips page boilerplate in any case, reads the date and the papers", async () => {
    const text = digest(
      "NEW",
      "",
      "Get trending papers in your email inbox!",
      "",
      "subscribe",
      "",
      "byAK and the research community",
      "",
      "Daily Papers",
      "",
      "Apr 30",
      "",
      "Paper A: First",
      "",
      ABSTRACT_A,
      "",
      "Paper B?",
      "",
      ABSTRACT_B,
      "",
    );
    const result = await parseDigestText(text, options);
    expect(result.digestDate).toBe("2025-04-30");
    expect(result.problems).toEqual([]);
    expect(result.papers.map((p) => [p.title, p.line])).toEqual([
      ["Paper A: First", 13],
      ["Paper B?", 17],
    ]);
    expect(result.papers[0]!.links).toEqual([{ url: "https://github.com/a/b", kind: "CODE" }]);
  });

  it("accepts boilerplate and the date line without blank lines between them", async () => {
    const result = await parseDigestText(digest("new", "Subscribe", "Apr 30", "", "Title", "", ABSTRACT_A), options);
    expect(result.digestDate).toBe("2025-04-30");
    expect(result.papers).toHaveLength(1);
    expect(result.problems).toEqual([]);
  });

  it("takes a title that follows the date line without a blank line", async () => {
    const result = await parseDigestText(digest("Daily Papers", "Apr 30", "Title", "", ABSTRACT_A), options);
    expect(result.digestDate).toBe("2025-04-30");
    expect(result.papers.map((p) => [p.title, p.line])).toEqual([["Title", 3]]);
  });

  it("reads CRLF, LF and lone CR line endings alike", async () => {
    const lines = ["Apr 30", "", "Title One", "", "Line one of", "the abstract.", "", "Title Two", "", ABSTRACT_B];
    const lf = await parseDigestText(lines.join("\n"), options);
    const crlf = await parseDigestText(lines.join("\r\n"), options);
    const cr = await parseDigestText(lines.join("\r"), options);
    expect(crlf).toEqual(lf);
    expect(cr).toEqual(lf);
    expect(lf.papers.map((p) => p.line)).toEqual([3, 8]);
  });

  it("ignores a UTF-8 byte order mark", async () => {
    const bytes = new TextEncoder().encode(`\uFEFFApr 30\n\nTitle\n\n${ABSTRACT_A}\n`);
    const result = await parseDigestText(bytes, options);
    expect(result.digestDate).toBe("2025-04-30");
    expect(result.papers[0]!.title).toBe("Title");
    expect((await parseDigestText(`\uFEFFApr 30\n\nTitle\n\n${ABSTRACT_A}`, options)).digestDate).toBe("2025-04-30");
  });

  it("ignores trailing spaces and tabs, whitespace-only lines and runs of blank lines", async () => {
    const text = digest(
      "Apr 30 \t",
      " ",
      "",
      "\t",
      "Title  with   spaces\t ",
      "   ",
      "",
      "",
      "Wrapped abstract \t",
      "  second line.  ",
      "",
      "",
      "",
    );
    const result = await parseDigestText(text, options);
    expect(result.papers.map((p) => [p.title, p.abstract, p.line])).toEqual([
      ["Title with spaces", "Wrapped abstract second line.", 5],
    ]);
  });

  it("normalizes titles and abstracts to NFC", async () => {
    const nfd = "Cafe\u0301 models";
    const result = await parseDigestText(digest("Apr 30", "", nfd, "", `${nfd} are studied.`), options);
    expect(result.papers[0]!.title).toBe("Caf\u00e9 models");
    expect(result.papers[0]!.abstract).toBe("Caf\u00e9 models are studied.");
  });

  it("joins a hard-wrapped abstract with single spaces", async () => {
    const result = await parseDigestText(
      digest("Apr 30", "", "Title", "", "We propose a", "  method that", "works well."),
      options,
    );
    expect(result.papers[0]!.abstract).toBe("We propose a method that works well.");
  });

  it("keeps an abstract split into paragraphs as one paper with one abstract", async () => {
    const text = digest(
      "Apr 30",
      "",
      "Title",
      "",
      "First paragraph.",
      "",
      "",
      "Second paragraph, wrapped",
      "over two lines.",
      "",
      "Next Title",
      "",
      ABSTRACT_B,
    );
    const result = await parseDigestText(text, options);
    expect(result.papers.map((p) => [p.title, p.abstract])).toEqual([
      ["Title", "First paragraph. Second paragraph, wrapped over two lines."],
      ["Next Title", ABSTRACT_B],
    ]);
  });

  it("treats a short line ending in ? or ! as a title, and a line ending in a period, a URL line or a long line as prose", async () => {
    const long = `A long single line without a final period ${"x".repeat(300)}`;
    const text = digest(
      "Apr 30",
      "",
      "Does It Work?",
      "",
      "Short sentence.",
      "",
      "https://github.com/a/b",
      "",
      long,
      "",
      "Yes It Does!",
      "",
      ABSTRACT_B,
    );
    const result = await parseDigestText(text, options);
    expect(result.papers.map((p) => p.title)).toEqual(["Does It Work?", "Yes It Does!"]);
    expect(result.papers[0]!.abstract).toBe(`Short sentence. https://github.com/a/b ${long}`);
    expect(result.papers[0]!.links).toEqual([{ url: "https://github.com/a/b", kind: "CODE" }]);
  });

  it("reports a title with no abstract with its line and imports the rest", async () => {
    const text = digest("Apr 30", "", "Orphan Title", "", "Real Title", "", ABSTRACT_A, "", "Last Orphan", "");
    const result = await parseDigestText(text, options);
    expect(result.papers.map((p) => p.title)).toEqual(["Real Title"]);
    expect(result.problems).toEqual([
      { line: 3, message: 'title with no abstract, skipped: "Orphan Title"' },
      { line: 9, message: 'title with no abstract, skipped: "Last Orphan"' },
    ]);
  });

  it("truncates a long title in the no-abstract problem", async () => {
    const title = `Title ${"word ".repeat(40)}end`;
    const result = await parseDigestText(digest("Apr 30", "", title, "", "Real Title", "", ABSTRACT_A), options);
    expect(result.problems[0]!.message.length).toBeLessThan(120);
    expect(result.problems[0]!.message).toMatch(/…"$/);
  });

  it("keeps the first of two papers with the same title and reports the later one", async () => {
    const text = digest(
      "Apr 30",
      "",
      "Same Title: Here",
      "",
      ABSTRACT_A,
      "",
      "Other",
      "",
      ABSTRACT_B,
      "",
      "same title — HERE",
      "",
      "Different abstract.",
    );
    const result = await parseDigestText(text, options);
    expect(result.papers.map((p) => [p.title, p.abstract])).toEqual([
      ["Same Title: Here", ABSTRACT_A],
      ["Other", ABSTRACT_B],
    ]);
    expect(result.problems).toEqual([
      { line: 11, message: 'duplicate of the paper on line 3, skipped: "same title — HERE"' },
    ]);
  });

  it("reports prose before the first title and carries on", async () => {
    const text = digest("Apr 30", "", "Some stray paragraph.", "", "Title", "", ABSTRACT_A);
    const result = await parseDigestText(text, options);
    expect(result.papers).toHaveLength(1);
    expect(result.problems).toEqual([
      { line: 3, message: 'text before the first title, skipped: "Some stray paragraph."' },
    ]);
  });

  it("fills titleKey, slug and arxivId on each paper", async () => {
    const text = digest("Apr 30", "", "Uni-MoE: Scaling", "", "See https://arxiv.org/abs/2405.11273v1.");
    const [paper] = (await parseDigestText(text, options)).papers;
    expect(paper).toMatchObject({ titleKey: "uni moe scaling", arxivId: "2405.11273" });
    expect(paper!.slug).toMatch(/^uni-moe-scaling-[0-9a-f]{6}$/);
    expect(paper!.links).toEqual([{ url: "https://arxiv.org/abs/2405.11273v1", kind: "OTHER" }]);
  });
});

describe("digest date", () => {
  const body = ["", "Title", "", ABSTRACT_A, "", "Second", "", ABSTRACT_B];

  it("yields exactly one date event, before the first paper", async () => {
    const types = (await events(digest("Apr 30", ...body))).map((e) => e.type);
    expect(types).toEqual(["date", "paper", "paper"]);
    expect((await events(digest("Apr 30", ...body)))[0]).toEqual({ type: "date", date: "2025-04-30", line: 1 });
  });

  it("lets options.date win over the file's date line", async () => {
    const [first] = await events(digest("Apr 30", ...body), { today: "2025-05-01", date: "2025-01-02" });
    expect(first).toEqual({ type: "date", date: "2025-01-02", line: 1 });
  });

  it("uses options.date with a null line when the file has no date line", async () => {
    const [first] = await events(digest("Title", "", ABSTRACT_A), { today: "2025-05-01", date: "2025-01-02" });
    expect(first).toEqual({ type: "date", date: "2025-01-02", line: null });
  });

  it("rejects a file with no date before the first paper and says to pass --date", async () => {
    const error = await rejection(digest("Subscribe", "", "Title", "", ABSTRACT_A));
    expect(error.message).toBe(
      'no digest date found before the first paper (line 3); add a date line such as "Apr 30, 2025" or pass --date YYYY-MM-DD',
    );
    expect(error.line).toBe(3);
  });

  it("recognises a date line only before the first paper", async () => {
    const result = await parseDigestText(digest("Apr 30", ...body, "", "May 1", "", "An abstract."), options);
    expect(result.digestDate).toBe("2025-04-30");
    expect(result.papers.map((p) => p.title)).toEqual(["Title", "Second", "May 1"]);
  });

  it("rejects a malformed --date", async () => {
    const error = await rejection(digest("Apr 30", ...body), { today: "2025-05-01", date: "2025-02-30" });
    expect(error.message).toContain("--date");
  });
});

describe("digests that cannot be imported", () => {
  it.each(["", "   \n\t\n\r\n  "])("rejects an empty or whitespace-only file (%j)", async (text) => {
    expect((await rejection(text)).message).toBe("the file is empty");
  });

  it("rejects a file with only boilerplate and a date", async () => {
    const error = await rejection(digest("new", "", "Subscribe", "", "Apr 30", ""));
    expect(error.message).toBe("no papers found: expected a title line followed by an abstract");
  });

  it("rejects a file whose titles all lack abstracts", async () => {
    const error = await rejection(digest("Apr 30", "", "Title One", "", "Title Two"));
    expect(error.message).toMatch(/^no papers found/);
  });
});

describe("inputs that are not digests and would not fit in memory", () => {
  it("a single endless line is rejected instead of being buffered", async () => {
    const text = `Apr 30, 2025\n\nA title\n\n${"x".repeat(1_100_000)}`;
    await expect(parseDigestText(text, { today: "2025-05-01" })).rejects.toThrow(
      /line 5 is longer than 1,000,000 characters/,
    );
  });

  it("an abstract that never ends is rejected with the line of its title", async () => {
    const paragraph = `${"word ".repeat(2000)}end.\n\n`;
    const text = `Apr 30, 2025\n\nA title\n\n${paragraph.repeat(25)}`;
    await expect(parseDigestText(text, { today: "2025-05-01" })).rejects.toThrow(
      /abstract of the paper on line 3 is longer than/,
    );
  });
});
