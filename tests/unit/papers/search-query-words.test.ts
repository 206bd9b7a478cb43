// How a plain query is read (lib/papers/search/query-words.ts) and how the closest matches are
// ranked (lib/papers/search/closest.ts), without a database.
import { describe, expect, it } from "vitest";
import { candidateQuery, coverage, rankClosest } from "../../../lib/papers/search/closest";
import {
  compose,
  CORRECTION_WEIGHT,
  queryWords,
  suggestion,
  THESAURUS_WEIGHT,
  usesSyntax,
  wordGroups,
  type ParsedGroup,
  type WordFacts,
} from "../../../lib/papers/search/query-words";

const unknown = (over: Partial<WordFacts> = {}): WordFacts => ({
  known: false,
  completes: false,
  correction: null,
  ...over,
});

describe("reading a plain query", () => {
  it("search syntax (quotes, OR in capitals, a -minus) is read as written; a lower-case 'or' is a word", () => {
    expect(usesSyntax('"visual grounding"')).toBe(true);
    expect(usesSyntax("audio OR speech")).toBe(true);
    expect(usesSyntax("llava -survey")).toBe(true);
    expect(usesSyntax("blurry or dark photos")).toBe(false);
    expect(usesSyntax("x-ray images")).toBe(false);
  });

  it("splits words on anything but letters and digits, lower case, at most 32", () => {
    expect(queryWords("Satellite-photos, 🚀 GPT4o!")).toEqual(["satellite", "photos", "gpt4o"]);
    expect(queryWords("word ".repeat(100))).toHaveLength(32);
  });

  it("leaves out filler, groups a thesaurus term with its expansions at lower weight", () => {
    const groups = wordGroups(queryWords("papers about satellite photos"));
    expect(groups.map((group) => group.typed)).toEqual(["satellite", "photos"]);
    const [satellite] = groups;
    expect(satellite!.alternatives[0]).toEqual({ text: "satellite", kind: "words", weight: 1, source: "typed" });
    expect(satellite!.alternatives).toContainEqual({
      text: "remote sensing",
      kind: "phrase",
      weight: THESAURUS_WEIGHT,
      source: "thesaurus",
    });
  });

  it("a last word the catalogue does not know but completes is also a prefix; an earlier unknown word gets its spelling", () => {
    const facts = new Map([
      ["multimod", unknown({ completes: true })],
      ["satelite", unknown({ correction: "satellite" })],
    ]);
    const groups = wordGroups(["satelite", "multimod"], facts);
    expect(groups[0]!.alternatives).toContainEqual({
      text: "satellite",
      kind: "words",
      weight: CORRECTION_WEIGHT,
      source: "correction",
    });
    expect(groups[1]!.alternatives).toContainEqual({ text: "multimod", kind: "prefix", weight: 1, source: "prefix" });
    expect(suggestion(["satelite", "multimod"], facts)).toBe("satellite multimod");
    expect(suggestion(["multimod"], facts)).toBeNull();
  });

  it("composes all words (every group) and any word, dropping groups of stop words only", () => {
    const parsed: ParsedGroup[] = [
      {
        typed: "video",
        alternatives: [
          { text: "video", kind: "words", weight: 1, source: "typed", tsquery: "'video'", lexemes: ["video"] },
          { text: "film", kind: "words", weight: 0.7, source: "thesaurus", tsquery: "'film'", lexemes: ["film"] },
        ],
      },
      {
        typed: "the",
        alternatives: [{ text: "the", kind: "words", weight: 1, source: "typed", tsquery: "", lexemes: [] }],
      },
      {
        typed: "llm",
        alternatives: [{ text: "llm", kind: "words", weight: 1, source: "typed", tsquery: "'llm'", lexemes: ["llm"] }],
      },
    ];
    const composed = compose(parsed);
    expect(composed.groups.map((group) => group.typed)).toEqual(["video", "llm"]);
    expect(composed.allWords).toBe("( ( 'video' ) | ( 'film' ) ) & ( ( 'llm' ) )");
    expect(composed.anyWord).toBe("( ( 'video' ) | ( 'film' ) ) | ( ( 'llm' ) )");
    expect(compose([parsed[1]!]).allWords).toBe("");
  });
});

describe("ranking the closest matches", () => {
  const worth = [[3, 2], [1]]; // group 1: the word (3) or a thesaurus term (2); group 2: a common word (1)

  it("covers more of the query with rarer words, titles above abstracts", () => {
    expect(coverage([2, 0, 2], worth)).toBe(1);
    expect(coverage([1, 0, 0], worth)).toBeCloseTo((3 * 0.5) / 4);
    expect(coverage([0, 2, 0], worth)).toBeCloseTo(2 / 4);
    expect(coverage([0, 0, 2], worth)).toBeCloseTo(1 / 4);
    expect(coverage([0, 0, 0], worth)).toBe(0);
  });

  it("puts papers with every word first, then by coverage, and leaves out papers that cover nothing", () => {
    const ranked = rankClosest(
      [{ id: 9, rank: 1.5 }],
      [
        { id: 1, hits: [0, 0, 2], rank: 0.1 },
        { id: 2, hits: [2, 0, 0], rank: 0.1 },
        { id: 9, hits: [2, 0, 2], rank: 0.2 },
        { id: 3, hits: [0, 0, 0], rank: 0 },
      ],
      worth,
    );
    expect(ranked.map((row) => row.id)).toEqual([9, 2, 1]);
    for (const row of ranked.slice(1)) expect(row.rank).toBeGreaterThan(0.5);
    for (const row of ranked.slice(1)) expect(row.rank).toBeLessThan(1);
  });

  it("candidates come from the rarer words; common words only score", () => {
    const group = (typed: string, lexeme: string): ParsedGroup => ({
      typed,
      alternatives: [
        { text: typed, kind: "words", weight: 1, source: "typed", tsquery: `'${lexeme}'`, lexemes: [lexeme] },
      ],
    });
    const shares = { of: (lexeme: string) => (lexeme === "model" ? 0.9 : 0.001) };
    expect(candidateQuery([group("model", "model"), group("quokka", "quokka")], shares, 1_000_000, 20_000)).toBe(
      "( 'quokka' )",
    );
    expect(candidateQuery([group("model", "model")], shares, 1_000_000, 20_000)).toBe("( 'model' )");
  });
});
