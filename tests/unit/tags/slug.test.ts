import { describe, expect, it } from "vitest";
import { cleanTagName, isTagSlug, quoteTagName, tagSlug } from "../../../lib/tags/slug";

describe("tag slugs", () => {
  it.each([
    ["Long Context", "long-context"],
    ["  Vidéo  Généré ", "video-genere"],
    ["Mixture-of-Experts", "mixture-of-experts"],
    ["GPT-4V / o1", "gpt-4v-o1"],
    ["<b>bold</b>", "b-bold-b"],
    ["ﬁne-tuning", "fine-tuning"],
    ["__3D__", "3d"],
    ["Ärger über Öl", "arger-uber-ol"],
  ])("%j -> %j", (name, slug) => {
    expect(tagSlug(name)).toBe(slug);
  });

  it("is empty for names with no ASCII letter or digit: punctuation, emoji, unfolded scripts", () => {
    for (const name of ["!!!", "🎥", "🎥🎬", "— … —", "视频", "   "]) expect(tagSlug(name)).toBe("");
  });

  it("cleans a name: trimmed, whitespace runs as one space, markup kept as text", () => {
    expect(cleanTagName("  a \t\n b\u00a0 c  ")).toBe("a b c");
    expect(cleanTagName(" <script>x</script> ")).toBe("<script>x</script>");
  });

  it("accepts only slugs it could have made", () => {
    expect(isTagSlug("long-context")).toBe(true);
    expect(isTagSlug("3d")).toBe(true);
    for (const bad of ["", "Long", "a--b", "-a", "a-", "a b", "a/b", "é", "x".repeat(81)])
      expect(isTagSlug(bad)).toBe(false);
  });

  it("quotes a long name shortened for messages", () => {
    expect(quoteTagName("short")).toBe("“short”");
    expect(quoteTagName("x".repeat(80))).toBe(`“${"x".repeat(49)}…”`);
  });
});
