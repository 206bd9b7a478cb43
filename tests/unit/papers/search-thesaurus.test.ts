// The field's thesaurus (lib/papers/search/thesaurus.ts): its data has the shape search relies on,
// and query words find their terms by rough stem, longest first.
import { describe, expect, it } from "vitest";
import { findTerms, roughStem, termWords, THESAURUS, THESAURUS_VERSION } from "../../../lib/papers/search/thesaurus";

describe("the thesaurus data", () => {
  it("is versioned", () => {
    expect(Number.isInteger(THESAURUS_VERSION)).toBe(true);
    expect(THESAURUS_VERSION).toBeGreaterThanOrEqual(1);
  });

  it("has sets of at least two distinct, lower-case terms made of words", () => {
    for (const set of THESAURUS) {
      expect(set.length, set.join(", ")).toBeGreaterThanOrEqual(2);
      expect(new Set(set.map((term) => termWords(term).map(roughStem).join(" "))).size, set.join(", ")).toBe(
        set.length,
      );
      for (const term of set) {
        expect(term, term).toBe(term.toLowerCase().trim());
        expect(termWords(term).length, term).toBeGreaterThan(0);
      }
    }
  });

  it("covers the acronyms and everyday words the issue names", () => {
    const has = (a: string, b: string) => THESAURUS.some((set) => set.includes(a) && set.includes(b));
    for (const [a, b] of [
      ["mllm", "multimodal large language model"],
      ["vlm", "vision language model"],
      ["llm", "large language model"],
      ["moe", "mixture of experts"],
      ["rag", "retrieval augmented generation"],
      ["vqa", "visual question answering"],
      ["ocr", "optical character recognition"],
      ["gui", "graphical user interface"],
      ["rlhf", "human feedback"],
      ["dpo", "direct preference optimization"],
      ["phone", "mobile"],
      ["phone", "on-device"],
      ["phone", "edge"],
      ["satellite", "remote sensing"],
      ["satellite", "aerial"],
      ["x-ray", "radiology"],
      ["x-ray", "medical imaging"],
      ["doctor", "clinical"],
      ["picture", "image"],
      ["film", "video"],
    ]) {
      expect(has(a!, b!), `${a} ~ ${b}`).toBe(true);
    }
  });
});

describe("finding terms in a query", () => {
  it("matches words by rough stem: plurals, -ing, -er", () => {
    expect(roughStem("photos")).toBe(roughStem("photo"));
    expect(roughStem("teaching")).toBe(roughStem("teacher"));
    expect(roughStem("cheaper")).toBe("cheap");
    expect(roughStem("studies")).toBe(roughStem("study"));
    expect(roughStem("us")).toBe("us");
  });

  it("prefers the longest term and does not overlap", () => {
    const words = ["remote", "sensing", "pictures"];
    const found = findTerms(words);
    expect(found.map(({ start, length }) => [start, length])).toEqual([
      [0, 2],
      [2, 1],
    ]);
    expect(found[0]!.expansions).toEqual(expect.arrayContaining(["satellite", "aerial", "rs"]));
    expect(found[1]!.expansions).toEqual(expect.arrayContaining(["image", "photo"]));
  });

  it("a term in two sets expands to both", () => {
    const [found] = findTerms(["medical"]);
    expect(found!.expansions).toEqual(expect.arrayContaining(["doctor", "clinical", "biomedical"]));
  });

  it("finds nothing in words it does not know", () => {
    expect(findTerms(["quokka", "wombat"])).toEqual([]);
    expect(findTerms([])).toEqual([]);
  });
});
