// The formatting cards and pages share: excerpts cut at a word, counts.
import { describe, expect, it } from "vitest";
import { excerpt, formatCount } from "../../../components/format";

describe("excerpt", () => {
  it("keeps a short text whole, its runs of whitespace made single spaces", () => {
    expect(excerpt("  A short\n\n abstract.  ", 50)).toBe("A short abstract.");
  });

  it("cuts a long text at a word, drops the dangling punctuation and ends it with an ellipsis", () => {
    const text = `${"word ".repeat(30)}tail, and more words after it`;
    const cut = excerpt(text, 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut).toMatch(/^word( word)+…$/);
  });

  it("cuts a 20,000-character abstract like a short one, reading only its head", () => {
    const head = "Recent advances in multimodal models. ".repeat(8);
    expect(excerpt(`${head}${"x ".repeat(10_000)}`, 240)).toBe(excerpt(head + "x x x x x x x", 240));
  });

  it("still finds the words after a head of blanks", () => {
    expect(excerpt(`${" ".repeat(600)}Words at last, after the blanks.`, 240)).toBe("Words at last, after the blanks.");
  });
});

describe("formatCount", () => {
  it("groups thousands the English way", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(0)).toBe("0");
  });
});
