import { describe, expect, it } from "vitest";
import { escapeXml, stripInvalidXmlChars } from "../../../lib/feeds/xml";
import { decodeXmlText, xmlProblems } from "./well-formed-xml";

describe("escaping text for XML", () => {
  it("escapes the five special characters so text fits in elements and quoted attributes", () => {
    expect(escapeXml(`<script>alert(1)</script> & "quotes" 'apos'`)).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;apos&apos;",
    );
  });

  it("escapes an ampersand that already looks like an entity, so the text comes back unchanged", () => {
    expect(escapeXml("&amp; &#60;")).toBe("&amp;amp; &amp;#60;");
    expect(decodeXmlText(escapeXml("&amp; &#60;"))).toBe("&amp; &#60;");
  });

  it("drops control characters, lone surrogates and U+FFFE/U+FFFF, which no XML 1.0 parser accepts", () => {
    const hostile = "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\u007Fh\u0085i\uD800j\uDFFFk\uFFFEl\uFFFFm";
    expect(stripInvalidXmlChars(hostile)).toBe("abcdefghijklm");
    expect(xmlProblems(`<r>${escapeXml(hostile)}</r>`)).toEqual([]);
  });

  it("keeps tab, newline, carriage return, accents, CJK and emoji (astral characters as whole pairs)", () => {
    const text = "tab\there\nline\r\nCafé 视频 🎥 𝔘";
    expect(stripInvalidXmlChars(text)).toBe(text);
    expect(escapeXml(text)).toBe(text);
  });
});

describe("the well-formedness check used by the feed tests", () => {
  it("accepts a well-formed document and reports broken ones", () => {
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="1"><b>t &amp; u</b><c/></a>\n')).toEqual([]);
    expect(xmlProblems("<a><b></a>")).not.toEqual([]);
    expect(xmlProblems("<a>x & y</a>")).not.toEqual([]);
    expect(xmlProblems("<a>\u0001</a>")).not.toEqual([]);
    expect(xmlProblems("<a/><b/>")).not.toEqual([]);
    expect(xmlProblems('<a x="1" x="2"/>')).not.toEqual([]);
    expect(xmlProblems("<a><script>alert(1)</script></a>")).toEqual([]); // well-formed, which is why feeds assert on escaping too
  });
});
