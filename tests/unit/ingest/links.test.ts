import { describe, expect, it } from "vitest";
import { arxivIdFromLinks, classifyLink, extractLinks } from "../../../lib/ingest/links";

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
    expect(urls("(code: https://github.com/a/b) and [https://c.io/d].")).toEqual(["https://github.com/a/b", "https://c.io/d"]);
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
