import { describe, expect, it } from "vitest";
import { parseTagInput, TAG_NAMES_PER_REQUEST } from "../../../lib/tags/tag-input";

describe("the tag input schema", () => {
  it("splits comma-separated names into cleaned names and slugs, ignoring empty items", () => {
    expect(parseTagInput(" Long Context ,, efficient attention ,")).toEqual({
      ok: true,
      tags: [
        { name: "Long Context", slug: "long-context" },
        { name: "efficient attention", slug: "efficient-attention" },
      ],
    });
  });

  it("refuses markup and other punctuation, naming each refused character once", () => {
    expect(parseTagInput("<script>alert(1)</script>")).toEqual({
      ok: false,
      error: "Tags are made of words, numbers and “-”: “<script>alert(1)</script>” has “<”, “>”, “(”, “)” and “/”.",
    });
    expect(parseTagInput("ok, c++")).toEqual({
      ok: false,
      error: "Tags are made of words, numbers and “-”: “c++” has “+”.",
    });
  });

  it("accepts words of any script, numbers and dashes", () => {
    expect(parseTagInput("Vision-Language, 3D Gaussians, vidéo, diffusion 2")).toMatchObject({ ok: true });
    expect(parseTagInput("Étude Δ-models")).toEqual({
      ok: true,
      tags: [{ name: "Étude Δ-models", slug: "etude-models" }],
    });
  });

  it("drops repeats in one request (same slug), keeping the first spelling", () => {
    expect(parseTagInput("Video, video, VIDEO, vidéo")).toEqual({ ok: true, tags: [{ name: "Video", slug: "video" }] });
    // Six names that are one tag are within the limit.
    expect(parseTagInput("a,a,a,a,a,a")).toMatchObject({ ok: true, tags: [{ slug: "a" }] });
  });

  it("accepts 40 characters and refuses 41, quoting the name", () => {
    expect(parseTagInput("x".repeat(40))).toMatchObject({ ok: true });
    expect(parseTagInput(`ok, ${"y".repeat(41)}`)).toEqual({
      ok: false,
      error: `Tag names can be at most 40 characters: “${"y".repeat(41)}”`,
    });
    // Emoji count as one character each.
    expect(parseTagInput(`a${"é".repeat(39)}`)).toMatchObject({ ok: true });
  });

  it("refuses names with only punctuation or emoji", () => {
    expect(parseTagInput("!!!")).toEqual({
      ok: false,
      error: "Tag names need at least one letter (a–z) or digit: “!!!”",
    });
    expect(parseTagInput("🎥")).toEqual({
      ok: false,
      error: "Tag names need at least one letter (a–z) or digit: “🎥”",
    });
    expect(parseTagInput("🎥 video")).toEqual({
      ok: false,
      error: "Tags are made of words, numbers and “-”: “🎥 video” has “🎥”.",
    });
  });

  it(`allows ${TAG_NAMES_PER_REQUEST} names at a time and says how many were sent`, () => {
    expect(parseTagInput("a,b,c,d,e")).toMatchObject({ ok: true });
    expect(parseTagInput("a,b,c,d,e,f")).toEqual({
      ok: false,
      error: "You can add at most 5 tags at a time (you sent 6).",
    });
    const thousand = Array.from({ length: 1000 }, (_, i) => `tag ${i}`).join(", ");
    expect(parseTagInput(thousand)).toEqual({
      ok: false,
      error: "You can add at most 5 tags at a time (you sent 1,000).",
    });
  });

  it("refuses empty input, non-strings and very long text", () => {
    expect(parseTagInput("")).toEqual({ ok: false, error: "Type a tag name (separate several with commas)." });
    expect(parseTagInput(" , ,\t")).toEqual({ ok: false, error: "Type a tag name (separate several with commas)." });
    expect(parseTagInput(42)).toEqual({ ok: false, error: "Type one or more tag names, separated by commas." });
    expect(parseTagInput("x,".repeat(6000))).toMatchObject({
      ok: false,
      error: expect.stringContaining("too much text"),
    });
  });
});
