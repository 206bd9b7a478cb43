import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DigestRejectedError } from "../../../lib/ingest/rejected";
import { arxivIdFromHfId, MAX_AUTHORS, MAX_AUTHOR_LENGTH, parseHfJson } from "../../../lib/ingest/parse-hf-json";
import type { DigestEvent, ParsedPaper, ParseOptions, Problem } from "../../../lib/ingest/types";

const options: ParseOptions = { today: "2025-05-03" };
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function collect(events: DigestEvent[]) {
  const dates = events.flatMap((e) => (e.type === "date" ? [e.date] : []));
  const papers: ParsedPaper[] = events.flatMap((e) => (e.type === "paper" ? [e.paper] : []));
  const problems: Problem[] = events.flatMap((e) => (e.type === "problem" ? [e.problem] : []));
  return { dates, papers, problems };
}

function rejection(bytes: Uint8Array, opts = options): DigestRejectedError {
  try {
    parseHfJson(bytes, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(DigestRejectedError);
    return error as DigestRejectedError;
  }
  throw new Error("expected the file to be rejected");
}

const entry = (paper: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  paper: { summary: "An abstract.", publishedAt: "2025-05-02T10:00:00.000Z", ...paper },
  ...extra,
});

describe("a day of Hugging Face daily papers", () => {
  const { dates, papers, problems } = collect(parseHfJson(fixture("hf-daily-papers-2025-05-02.json"), options));

  it("takes the digest date from the day the papers were listed", () => {
    expect(dates).toEqual(["2025-05-02"]);
  });

  it("imports every entry with a title and a summary, numbered by entry", () => {
    expect(papers.map((p) => [p.line, p.arxivId])).toEqual([
      [1, "2505.00101"],
      [2, "2505.00102"],
      [3, "2505.00103"],
      [4, "2505.00104"],
      [6, "2505.00106"],
      [8, "2505.00108"],
    ]);
  });

  it("normalizes titles and summaries like the text parser: wrapped lines joined with single spaces", () => {
    const [first] = papers;
    expect(first!.title).toBe("VideoChat-R1: Enhancing Spatio-Temporal Perception via Reinforcement Fine-Tuning");
    expect(first!.abstract).toMatch(
      /^Recent advancements in reinforcement learning have significantly advanced the reasoning/,
    );
    expect(first!.abstract).not.toMatch(/\n| {2}/);
    expect(first!.links).toEqual([{ url: "https://github.com/OpenGVLab/VideoChat-R1", kind: "CODE" }]);
    expect(first!.slug).toMatch(
      /^videochat-r1-enhancing-spatio-temporal-perception-via-reinforcement-fine-tuning-[0-9a-f]{6}$/,
    );
  });

  it("takes the paper's own summary over the entry's shorter copy", () => {
    expect(papers[1]!.abstract).toMatch(/We propose STORM/);
  });

  it("keeps author names in order, trimmed, without empty ones; none when the entry lists no authors", () => {
    expect(papers[0]!.authors).toEqual(["Xinhao Li", "Ziang Yan", "Desen Meng", "Limin Wang"]);
    expect(papers[2]!.authors).toBeUndefined();
    expect(papers[3]!.authors).toEqual(["Amélie Durand", "Kenji Watanabe"]);
  });

  it("keeps the upstream upvote count, and none when the entry has no count", () => {
    expect(papers.map((p) => p.upstreamUpvotes)).toEqual([42, 17, 9, null, 3, 128]);
  });

  it("keeps a title with markup as text", () => {
    expect(papers[4]!.title).toBe(
      `<script>alert("pwned")</script> Robust Jailbreak Detection for Vision-Language Models`,
    );
  });

  it("skips an entry without a summary and a repeated title, naming the entry", () => {
    expect(problems).toEqual([
      { line: 5, message: `entry 5: no summary, skipped: "A Paper Whose Summary Has Not Been Fetched Yet"` },
      {
        line: 7,
        message: `entry 7: duplicate of entry 2, skipped: "Token-efficient long video understanding for multimodal LLMs"`,
      },
    ]);
  });
});

describe("digest dates", () => {
  it("uses --date over the entries' dates", () => {
    const { dates } = collect(parseHfJson(json([entry({ title: "T" })]), { ...options, date: "2025-01-02" }));
    expect(dates).toEqual(["2025-01-02"]);
  });

  it("uses the most common day when entries disagree, and reports the disagreement", () => {
    const day = (d: string, title: string) => entry({ title, publishedAt: `${d}T08:00:00.000Z` });
    const { dates, problems } = collect(
      parseHfJson(json([day("2025-05-01", "A"), day("2025-05-02", "B"), day("2025-05-02", "C")]), options),
    );
    expect(dates).toEqual(["2025-05-02"]);
    expect(problems).toEqual([
      {
        line: 1,
        message:
          "entry 1: entries were published on different days (2025-05-02 ×2, 2025-05-01 ×1); the digest date is 2025-05-02, pass --date to choose another",
      },
    ]);
  });

  it("rejects a file with no dates unless --date is given", () => {
    const bytes = json([{ paper: { title: "T", summary: "S." } }]);
    expect(rejection(bytes).message).toBe(
      'no digest date found: no entry has a "publishedAt" date; pass --date YYYY-MM-DD',
    );
    expect(collect(parseHfJson(bytes, { ...options, date: "2025-05-03" })).papers).toHaveLength(1);
  });
});

describe("entry shapes", () => {
  it("accepts bare paper objects with the fields at the top level", () => {
    const bytes = json([
      {
        id: "2504.01234",
        title: "Bare Paper",
        summary: "S.",
        authors: [{ name: "A" }],
        upvotes: 4,
        publishedAt: "2025-05-02T00:00:00Z",
      },
    ]);
    const [paper] = collect(parseHfJson(bytes, options)).papers;
    expect(paper).toMatchObject({ title: "Bare Paper", arxivId: "2504.01234", authors: ["A"], upstreamUpvotes: 4 });
  });

  it("tolerates null fields and authors given as plain names", () => {
    const bytes = json([entry({ title: "T", id: null, upvotes: null, authors: ["Ada", { name: null }, null] })]);
    const [paper] = collect(parseHfJson(bytes, options)).papers;
    expect(paper).toMatchObject({ arxivId: null, upstreamUpvotes: null, authors: ["Ada"] });
  });

  it("caps the author list and the length of a name", () => {
    const authors = Array.from({ length: 150 }, (_, i) => ({ name: i === 0 ? "x".repeat(500) : `Author ${i}` }));
    const [paper] = collect(parseHfJson(json([entry({ title: "T", authors })]), options)).papers;
    expect(paper!.authors).toHaveLength(MAX_AUTHORS);
    expect(paper!.authors![0]).toHaveLength(MAX_AUTHOR_LENGTH);
  });

  it("removes control characters that JSON can carry escaped", () => {
    const [paper] = collect(
      parseHfJson(json([entry({ title: "Nul\u0000Title\u0007", summary: "A\u0000B" })]), options),
    ).papers;
    expect([paper!.title, paper!.abstract]).toEqual(["Nul Title", "A B"]);
  });

  it("imports a paper whose id is not an arXiv id without one, and says so", () => {
    const { papers, problems } = collect(parseHfJson(json([entry({ title: "T", id: "not-an-id" })]), options));
    expect(papers[0]!.arxivId).toBeNull();
    expect(problems).toEqual([
      { line: 1, message: 'entry 1: paper.id "not-an-id" is not an arXiv id; imported without it' },
    ]);
  });

  it("skips an entry with no title, naming the entry", () => {
    const { problems } = collect(
      parseHfJson(json([entry({ title: "Kept" }), entry({ title: "   " }, { title: null })]), options),
    );
    expect(problems).toEqual([{ line: 2, message: "entry 2: no title, skipped" }]);
  });
});

describe("files with the wrong shape are rejected with what is wrong", () => {
  it.each([
    [
      "hf-daily-papers-wrong-shape-error-object.json",
      "expected a JSON array of daily-paper entries (the Hugging Face /api/daily_papers response), got an object",
    ],
    ["hf-daily-papers-wrong-shape-title-type.json", "entry 3: paper.title must be a string, got number 20250503"],
    [
      "hf-daily-papers-wrong-shape-models.json",
      'entry 1 has neither a "paper" object nor a "title"; expected entries like { "paper": { "id", "title", "summary", "authors" } }',
    ],
  ])("%s", (name, message) => {
    expect(rejection(fixture(name)).message).toBe(message);
  });

  it.each([
    [[1, 2], "entry 1 must be an object, got number 1"],
    [[{ paper: "2505.00001" }], 'entry 1: paper must be an object, got a string ("2505.00001")'],
    [[entry({ title: "T", authors: "Ada" })], 'entry 1: paper.authors must be an array, got a string ("Ada")'],
    [
      [entry({ title: "T", authors: [42] })],
      'entry 1: paper.authors[0] must be a name or an object with a "name", got number 42',
    ],
    [[entry({ title: "T", upvotes: "12" })], 'entry 1: paper.upvotes must be a number, got a string ("12")'],
    [[entry({ title: "T", upvotes: -1 })], "entry 1: paper.upvotes must not be negative, got number -1"],
    [[], "no papers found: the JSON array is empty"],
  ])("%j", (value, message) => {
    expect(rejection(json(value)).message).toBe(message);
  });

  it("rejects JSON that does not parse", () => {
    expect(rejection(Buffer.from('[{"paper": {"title": "T",}]')).message).toMatch(
      /^the file starts like JSON but is not valid JSON \(/,
    );
  });

  it("rejects invalid UTF-8 and names the byte offset", () => {
    const bytes = Buffer.concat([Buffer.from('[{"paper": {"title": "Caf'), Buffer.from([0xe9]), Buffer.from('"}}]')]);
    expect(rejection(bytes).message).toBe("the file is not valid UTF-8 (byte offset 25); save it as UTF-8 and retry");
  });
});

describe("arXiv ids from Hugging Face", () => {
  it.each([
    ["2505.00101", "2505.00101"],
    ["2505.00101v3", "2505.00101"],
    ["1706.03762", "1706.03762"],
    ["cs/0601001", "cs/0601001"],
    ["2513.00001", null],
    ["meta-llama/Llama-3", null],
    ["", null],
  ])("%s -> %s", (id, expected) => {
    expect(arxivIdFromHfId(id)).toBe(expected);
  });
});
