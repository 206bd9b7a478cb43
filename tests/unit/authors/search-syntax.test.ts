// author:"Name" in search text: taken out as a filter, the rest searched as words.
import { describe, expect, it } from "vitest";
import { authorPath, authorSearchText, isAuthorSlug } from "../../../lib/authors/key";
import { splitAuthorQuery } from "../../../lib/authors/search-syntax";

describe("author: in a search", () => {
  it("takes a quoted name out of the text", () => {
    expect(splitAuthorQuery('video author:"Ada  Lovelace" benchmark')).toEqual({
      text: "video benchmark",
      author: "Ada Lovelace",
    });
  });
  it("takes one unquoted word, in any case", () => {
    expect(splitAuthorQuery("AUTHOR:lovelace diffusion")).toEqual({ text: "diffusion", author: "lovelace" });
  });
  it("reads an unclosed quote to the end", () => {
    expect(splitAuthorQuery('author:"Ada Lovelace')).toEqual({ text: "", author: "Ada Lovelace" });
  });
  it("leaves text without author: alone, and ignores an empty author", () => {
    expect(splitAuthorQuery("coauthor:x video")).toEqual({ text: "coauthor:x video", author: null });
    expect(splitAuthorQuery('author:"" video')).toEqual({ text: "video", author: null });
  });
  it("builds the search and page links of an author, dropping quotes a name cannot carry in the syntax", () => {
    expect(authorSearchText('Ada "The Countess" Lovelace')).toBe('author:"Ada  The Countess  Lovelace"');
    expect(authorPath("jose-maria-nunez")).toBe("/authors/jose-maria-nunez");
    expect(authorPath("王小明")).toBe("/authors/%E7%8E%8B%E5%B0%8F%E6%98%8E");
  });
  it("only looks up slugs that could be a name", () => {
    expect(isAuthorSlug("ada-lovelace")).toBe(true);
    expect(isAuthorSlug("  ")).toBe(false);
    expect(isAuthorSlug("a/b")).toBe(false);
    expect(isAuthorSlug("x".repeat(201))).toBe(false);
  });
});
