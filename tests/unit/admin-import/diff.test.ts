// The word-level abstract diff shown for changed papers in the import preview.
import { describe, expect, it } from "vitest";
import { diffWords, type DiffPart } from "../../../lib/admin-import/diff";

const rebuild = (parts: DiffPart[], side: "before" | "after") =>
  parts
    .filter((part) => part.kind === "same" || part.kind === (side === "before" ? "del" : "ins"))
    .map((part) => part.text)
    .join("");

describe("word diff of abstracts", () => {
  it("identical texts are one unchanged part", () => {
    expect(diffWords("We propose a model.", "We propose a model.")).toEqual([
      { kind: "same", text: "We propose a model." },
    ]);
  });

  it("a replaced word shows as removed then added, with the words around it unchanged", () => {
    expect(diffWords("We propose a small model.", "We propose a large model.")).toEqual([
      { kind: "same", text: "We propose a " },
      { kind: "del", text: "small" },
      { kind: "ins", text: "large" },
      { kind: "same", text: " model." },
    ]);
  });

  it("neighbouring changed words are grouped instead of alternating around single spaces", () => {
    expect(diffWords("a b c d", "a x y d")).toEqual([
      { kind: "same", text: "a " },
      { kind: "del", text: "b c" },
      { kind: "ins", text: "x y" },
      { kind: "same", text: " d" },
    ]);
  });

  it("added and removed sentences keep both texts exactly", () => {
    const before = "Video models are slow. We fix that.  Code: https://github.com/a/b.";
    const after = "Video models are slow and costly. We fix that with caching. Code: https://github.com/a/c.";
    const parts = diffWords(before, after);
    expect(rebuild(parts, "before")).toBe(before);
    expect(rebuild(parts, "after")).toBe(after);
    expect(parts.filter((part) => part.kind === "ins").map((part) => part.text)).toEqual([
      " and costly",
      " with caching",
      " ",
      "c",
    ]);
  });

  it("a text against an empty one is all added or all removed", () => {
    expect(diffWords("", "New abstract.")).toEqual([{ kind: "ins", text: "New abstract." }]);
    expect(diffWords("Old abstract.", "")).toEqual([{ kind: "del", text: "Old abstract." }]);
  });

  // How long it takes is measured by npm run bench:diff (scripts/bench/diff.ts), not asserted here.
  it("very long, entirely different texts fall back to one removal and one addition", () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old${i}`).join(" ");
    const after = Array.from({ length: 5000 }, (_, i) => `new${i}`).join(" ");
    expect(diffWords(before, after)).toEqual([
      { kind: "del", text: before },
      { kind: "ins", text: after },
    ]);
  });
});
