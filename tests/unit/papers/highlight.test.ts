import { describe, expect, it } from "vitest";
import { highlightSegments } from "../../../lib/papers/highlight";

const marked = (text: string, terms: string[]) =>
  highlightSegments(text, terms)
    .filter((segment) => segment.match)
    .map((segment) => segment.text);

describe("highlighting search terms", () => {
  it("marks whole words that start with a term, case-insensitively", () => {
    expect(highlightSegments("New Benchmarks for benchmark", ["benchmark"])).toEqual([
      { text: "New ", match: false },
      { text: "Benchmarks", match: true },
      { text: " for ", match: false },
      { text: "benchmark", match: true },
    ]);
  });

  it("does not mark a term inside another word", () => {
    expect(marked("A benchmark and a trademark", ["mark"])).toEqual([]);
  });

  it("joins back to the original text exactly", () => {
    const text = "Video-MME: the first-ever <b>Benchmark</b> of LLMs & video";
    expect(
      highlightSegments(text, ["video", "llm", "bench"])
        .map((s) => s.text)
        .join(""),
    ).toBe(text);
    expect(marked(text, ["video", "llm", "bench"])).toEqual(["Video", "Benchmark", "LLMs", "video"]);
  });

  it("returns text as text: markup in the input stays a plain, unmarked segment", () => {
    const segments = highlightSegments("<script>alert(1)</script> model", ["model"]);
    expect(segments).toEqual([
      { text: "<script>alert(1)</script> ", match: false },
      { text: "model", match: true },
    ]);
  });

  it("treats regular-expression characters in terms literally", () => {
    expect(marked("c++ and c# and (a+b) and .x", ["c++", "(a+b)", ".*"])).toEqual(["c++", "(a+b)"]);
    expect(() => highlightSegments("text", ["[", "(", "\\", "*"])).not.toThrow();
  });

  it("handles Unicode words and accents", () => {
    expect(marked("Études sur l'ÉTUDE des modèles", ["étude", "modèle"])).toEqual(["Études", "ÉTUDE", "modèles"]);
  });

  it("with no terms or no text gives the text unmarked or nothing", () => {
    expect(highlightSegments("plain", [])).toEqual([{ text: "plain", match: false }]);
    expect(highlightSegments("plain", ["", "  "])).toEqual([{ text: "plain", match: false }]);
    expect(highlightSegments("", ["x"])).toEqual([]);
  });

  it("prefers the longer of two overlapping terms", () => {
    expect(highlightSegments("multimodal", ["multi", "multimodal"])).toEqual([{ text: "multimodal", match: true }]);
  });
});
