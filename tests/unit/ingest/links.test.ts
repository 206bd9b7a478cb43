import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LinkedText } from "../../../components/linked-text";
import {
  MAX_URL_BYTES,
  arxivIdFromLinks,
  classifyLink,
  extractLinks,
  findUrls,
  trimUrl,
} from "../../../lib/ingest/links";

const urls = (text: string) => extractLinks(text).map((link) => link.url);

describe("links in abstracts", () => {
  it("strips sentence punctuation glued to the end of a URL", () => {
    expect(urls("Code at https://github.com/sony/aki, and more.")).toEqual(["https://github.com/sony/aki"]);
    expect(urls("See https://a.io/x. Or https://b.io/y; https://c.io/z: https://d.io! https://e.io?")).toEqual([
      "https://a.io/x",
      "https://b.io/y",
      "https://c.io/z",
      "https://d.io",
      "https://e.io",
    ]);
  });

  it("strips quotes around a URL", () => {
    expect(urls(`at "https://a.io/x" and \u201Chttps://b.io/y\u201D.`)).toEqual(["https://a.io/x", "https://b.io/y"]);
  });

  it("drops an unbalanced closing bracket but keeps a balanced one", () => {
    expect(urls("(code: https://github.com/a/b) and [https://c.io/d].")).toEqual([
      "https://github.com/a/b",
      "https://c.io/d",
    ]);
    expect(urls("see https://en.wikipedia.org/wiki/Foo_(bar).")).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)"]);
  });

  it("keeps a trailing slash and finds plain http links", () => {
    expect(urls("at http://x.github.io/page/.")).toEqual(["http://x.github.io/page/"]);
  });

  it("lists each URL once per abstract, in order of appearance", () => {
    expect(urls("https://b.io then https://a.io then https://b.io.")).toEqual(["https://b.io", "https://a.io"]);
  });

  it("finds nothing in text without URLs", () => {
    expect(extractLinks("No code is released (yet).")).toEqual([]);
  });
});

// The trimming rule as first written: strip one character at a time, re-counting the brackets each time.
// Quadratic, so only for short strings; trimUrl must agree with it everywhere.
const CLOSING = [".", ",", ";", ":", "!", "?", "'", '"', "\u2018", "\u2019", "\u201C", "\u201D", "\u00BB"];
function trimByDefinition(raw: string): string {
  const count = (s: string, c: string) => s.split(c).length - 1;
  let url = raw;
  for (;;) {
    const last = url.at(-1);
    if (last !== undefined && CLOSING.includes(last)) url = url.slice(0, -1);
    else if (last === ")" && count(url, "(") < count(url, ")")) url = url.slice(0, -1);
    else if (last === "]" && count(url, "[") < count(url, "]")) url = url.slice(0, -1);
    else return url;
  }
}

describe("trimming a URL", () => {
  it("agrees with the one-character-at-a-time rule on every short tail of brackets, punctuation and letters", () => {
    const alphabet = ["a", ".", ")", "(", "]", "[", "\u201D"];
    let tails = [""];
    let checked = 0;
    for (let length = 0; length <= 6; length++) {
      for (const tail of tails) {
        const raw = `https://x.io/${tail}`;
        if (trimUrl(raw) !== trimByDefinition(raw))
          expect.fail(`${JSON.stringify(raw)}: ${trimUrl(raw)} vs ${trimByDefinition(raw)}`);
        checked++;
      }
      tails = tails.flatMap((tail) => alphabet.map((c) => tail + c));
    }
    expect(checked).toBe((7 ** 7 - 1) / 6);
  });

  it("strips 40,000 trailing dots", () => {
    expect(urls(`code: https://x.org/${".".repeat(40_000)} and more`)).toEqual(["https://x.org/"]);
  });

  it("strips 20,000 repetitions of ').' and keeps a balanced parenthesis before them", () => {
    expect(urls(`code: https://x.org/${").".repeat(20_000)}`)).toEqual(["https://x.org/"]);
    expect(urls(`code: https://x.org/Foo_(bar)${").".repeat(20_000)}`)).toEqual(["https://x.org/Foo_(bar)"]);
  });

  it("keeps dots in the middle of a URL however many there are (and then the URL is too long to be a link)", () => {
    expect(trimUrl(`https://x.org/${".".repeat(40_000)}x`)).toBe(`https://x.org/${".".repeat(40_000)}x`);
    expect(urls(`see https://x.org/${".".repeat(40_000)}x and https://a.io/b.`)).toEqual(["https://a.io/b"]);
  });
});

describe("the URL length cap", () => {
  const ofBytes = (bytes: number) => `https://x.org/${"a".repeat(bytes - "https://x.org/".length)}`;

  it(`takes a URL of ${MAX_URL_BYTES} bytes and refuses one byte more`, () => {
    expect(urls(`at ${ofBytes(MAX_URL_BYTES)}.`)).toEqual([ofBytes(MAX_URL_BYTES)]);
    expect(urls(`at ${ofBytes(MAX_URL_BYTES + 1)}.`)).toEqual([]);
  });

  it("counts UTF-8 bytes, not characters", () => {
    const wide = `https://x.org/${"\u00E9".repeat(MAX_URL_BYTES / 2)}`; // fewer characters than the cap, more bytes
    expect(wide.length).toBeLessThan(MAX_URL_BYTES);
    expect(urls(wide)).toEqual([]);
    const emoji = `https://x.org/${"\u{1F600}".repeat(Math.floor((MAX_URL_BYTES - 14) / 4))}`; // 4 bytes each
    expect(urls(emoji)).toEqual([emoji]);
    expect(urls(`${emoji}\u{1F600}`)).toEqual([]);
  });

  it("applies after trimming, so punctuation after a URL does not push it over", () => {
    expect(urls(`${ofBytes(MAX_URL_BYTES)}${".".repeat(5000)}`)).toEqual([ofBytes(MAX_URL_BYTES)]);
  });
});

describe("links on the paper page", () => {
  const hrefs = (text: string) =>
    [...renderToStaticMarkup(createElement(LinkedText, { text })).matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

  it("are the URLs the importer stores, a balanced parenthesis kept and closing punctuation left as text", () => {
    const text = "(see https://en.wikipedia.org/wiki/Foo_(bar)), \u201Chttps://a.io/x\u201D and [HTTPS://b.io/y].";
    expect(hrefs(text)).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)", "https://a.io/x", "HTTPS://b.io/y"]);
    expect(hrefs(text)).toEqual(urls(text));
    const html = renderToStaticMarkup(createElement(LinkedText, { text }));
    expect(html.replace(/<[^>]*>/g, "")).toBe(text);
  });

  it("keeps a URL over the cap as plain text, and every character of the abstract", () => {
    const long = `https://x.org/${"a".repeat(MAX_URL_BYTES)}`;
    const text = `big ${long} small http://a.b and ${").".repeat(20_000)} https://c.io/${").".repeat(20_000)}`;
    expect(hrefs(text)).toEqual(["http://a.b", "https://c.io/"]);
    expect(renderToStaticMarkup(createElement(LinkedText, { text })).replace(/<[^>]*>/g, "")).toBe(text);
  });

  it("links a repeated URL each time it appears, where the stored links hold it once", () => {
    expect(findUrls("https://a.io and https://a.io.")).toEqual([
      { url: "https://a.io", start: 0 },
      { url: "https://a.io", start: 17 },
    ]);
  });
});

describe("link kinds", () => {
  it.each([
    ["https://github.com/HITsz-TMG/UMOE-Scaling-Unified-Multimodal-LLMs", "CODE"],
    ["https://github.com/modelscope/data-juicer/blob/main/docs/awesome_llm_data.md", "CODE"],
    ["https://www.github.com/a/b", "CODE"],
    ["https://gitlab.com/group/project", "CODE"],
    ["https://github.com/thunlp", "PROJECT"],
    ["https://huggingface.co/datasets/StarBottle/MIBench", "DATASET"],
    ["https://huggingface.co/openai/whisper", "PROJECT"],
    ["https://arxiv.org/abs/2405.11273", "OTHER"],
    ["https://medrega.github.io", "PROJECT"],
    ["https://anonymous.4open.science/r/Molar-8B06/", "PROJECT"],
  ])("classifies %s as %s", (url, kind) => {
    expect(classifyLink(url)).toBe(kind);
  });
});

describe("arXiv ids", () => {
  it("comes from an arxiv.org abs or pdf link, without the version", () => {
    expect(arxivIdFromLinks(extractLinks("see https://arxiv.org/abs/2405.11273."))).toBe("2405.11273");
    expect(arxivIdFromLinks(extractLinks("see https://arxiv.org/pdf/2405.11273v2.pdf"))).toBe("2405.11273");
    expect(arxivIdFromLinks(extractLinks("see https://arxiv.org/abs/hep-th/9901001v1"))).toBe("hep-th/9901001");
  });

  it("is null when no link points at an arXiv paper", () => {
    expect(arxivIdFromLinks(extractLinks("https://github.com/a/b https://arxiv.org/list/cs.CL/recent"))).toBeNull();
  });
});
