import { describe, expect, it } from "vitest";
import { bibtexFor, escapeBibtex } from "../../../lib/papers/bibtex";
import type { PaperDetail } from "../../../lib/papers/types";

const paper: PaperDetail = {
  id: 7,
  slug: "uni-moe-scaling-unified-multimodal-llms-a1b2c3",
  title: "Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts",
  abstract: "…",
  firstSeen: "2025-04-30",
  links: [],
  arxivId: "2405.11273",
  authors: [],
  upstreamUpvotes: 0,
  updatedAt: "2025-05-01",
  digests: ["2025-04-30"],
};

describe("BibTeX for a paper", () => {
  it("is a @misc entry with the title in double braces, year, arXiv eprint and the paper's URL", () => {
    expect(bibtexFor(paper, "https://papers.example.org/")).toBe(
      [
        "@misc{uni2024a1b2c3,",
        "  title = {{Uni-MoE: Scaling Unified Multimodal LLMs with Mixture of Experts}},",
        "  year = {2024},",
        "  eprint = {2405.11273},",
        "  archivePrefix = {arXiv},",
        "  url = {https://papers.example.org/papers/uni-moe-scaling-unified-multimodal-llms-a1b2c3}",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("without an arXiv id has no eprint and takes the year the paper was first seen", () => {
    const entry = bibtexFor({ ...paper, arxivId: null }, "http://localhost:3000");
    expect(entry).not.toMatch(/eprint|archivePrefix/);
    expect(entry).toContain("  year = {2025},");
    expect(entry).toContain("url = {http://localhost:3000/papers/");
  });

  it("escapes BibTeX and LaTeX specials in the title so braces stay balanced", () => {
    const title = "100% {Better} & Faster: C# Models_v2 cost $5 ~ x^2 \\o/";
    const entry = bibtexFor({ ...paper, title }, "https://x.org");
    expect(entry).toContain(
      "title = {{100\\% \\{Better\\} \\& Faster: C\\# Models\\_v2 cost \\$5 \\textasciitilde{} x\\textasciicircum{}2 \\textbackslash{}o/}}",
    );
    const braces = entry.replace(/\\[{}]/g, "");
    expect(braces.split("{").length).toBe(braces.split("}").length);
  });

  it("collapses newlines and runs of spaces", () => {
    expect(escapeBibtex("  A\n  title\twith   gaps ")).toBe("A title with gaps");
  });

  it("makes an ASCII citation key even from a title without ASCII letters", () => {
    const entry = bibtexFor({ ...paper, title: "多模态 大模型", arxivId: null, slug: "p-ffffff" }, "https://x.org");
    expect(entry.split("\n")[0]).toBe("@misc{paper2025ffffff,");
  });
});
