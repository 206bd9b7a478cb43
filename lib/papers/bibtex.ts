// A BibTeX entry for a paper, for the paper page's "Cite" box. Pure.
import type { PaperDetail } from "./types";

const SPECIALS: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "%": "\\%",
  "&": "\\&",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Escapes the characters BibTeX and LaTeX treat specially; whitespace (newlines too) collapses to one space. */
export function escapeBibtex(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\{}%&$#_~^]/g, (ch) => SPECIALS[ch]!);
}

/** arXiv ids carry their year (2405.12345 -> 2024); otherwise the year the paper first appeared. */
function yearOf(paper: PaperDetail): string {
  const modern = paper.arxivId?.match(/^(\d{2})(\d{2})\.\d{4,5}/);
  if (modern) return `20${modern[1]}`;
  return paper.firstSeen.slice(0, 4);
}

/** A citation key from the title's first word, the year and the slug's hash: ASCII letters and digits only. */
function citationKey(paper: PaperDetail, year: string): string {
  const word =
    paper.title
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .match(/[A-Za-z0-9]+/)?.[0]
      ?.toLowerCase()
      .slice(0, 24) ?? "paper";
  const hash = paper.slug.match(/[0-9a-f]{6,}$/)?.[0]?.slice(0, 6) ?? String(paper.id);
  return `${word}${year}${hash}`;
}

export function bibtexFor(paper: PaperDetail, siteUrl: string): string {
  const year = yearOf(paper);
  const url = `${siteUrl.replace(/\/+$/, "")}/papers/${encodeURIComponent(paper.slug)}`;
  const fields: [string, string][] = [
    // Double braces keep the title's capitalization (acronyms like MLLM) in every style.
    ["title", `{${escapeBibtex(paper.title)}}`],
    ["year", year],
  ];
  if (paper.arxivId) {
    fields.push(["eprint", escapeBibtex(paper.arxivId)], ["archivePrefix", "arXiv"]);
  }
  // URL fields are read verbatim: percent-encode what would break the braces instead of TeX-escaping.
  fields.push([
    "url",
    url.replace(/[\s{}\\]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`),
  ]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(",\n");
  return `@misc{${citationKey(paper, year)},\n${body}\n}\n`;
}
