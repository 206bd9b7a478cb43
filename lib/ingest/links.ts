// Owns finding http(s) URLs in abstract text and deciding what kind of resource each points at.

import type { LinkKind, ParsedLink } from "./types";

// Stops at whitespace, angle brackets and double quotes, which never sit inside a URL in prose.
const URL_PATTERN = /https?:\/\/[^\s<>"]+/gi;
// Sentence punctuation and closing quotes that prose glues onto the end of a URL.
const TRAILING_PUNCTUATION = /[.,;:!?'"\u2018\u2019\u201C\u201D\u00BB]+$/;
const ARXIV_ID = /^\/(?:abs|pdf)\/(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?\/?$/i;

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** Strips punctuation, and a ")" or "]" that closes a parenthesis opened before the URL. */
function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, "");
    // Keep a balanced ")" — Wikipedia-style URLs like /Foo_(bar) need it.
    if (url.endsWith(")") && count(url, "(") < count(url, ")")) url = url.slice(0, -1);
    else if (url.endsWith("]") && count(url, "[") < count(url, "]")) url = url.slice(0, -1);
    if (url === before) return url;
  }
}

/** Every http(s) URL in the text, trailing punctuation stripped, de-duplicated, in order of appearance. */
export function extractLinks(text: string): ParsedLink[] {
  const links: ParsedLink[] = [];
  // Most abstracts have no link; skip the regex scan for them.
  if (text.indexOf("://") === -1) return links;
  const seen = new Set<string>();
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    // "https://" followed only by punctuation is not a link.
    if (/^https?:\/\/$/i.test(url) || seen.has(url)) continue;
    seen.add(url);
    links.push({ url, kind: classifyLink(url) });
  }
  return links;
}

function parseUrl(url: string): { host: string; path: string; segments: string[] } | null {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
    const path = parsed.pathname;
    return { host, path, segments: path.split("/").filter((s) => s.length > 0) };
  } catch {
    return null;
  }
}

/** CODE for a repository, DATASET for a Hugging Face dataset, OTHER for arXiv, PROJECT for anything else. */
export function classifyLink(url: string): LinkKind {
  const parsed = parseUrl(url);
  if (!parsed) return "PROJECT";
  const { host, segments } = parsed;
  if (host === "github.com" || host === "gitlab.com") {
    // github.com/OWNER is a profile or an organisation page, not a repository.
    return segments.length >= 2 ? "CODE" : "PROJECT";
  }
  if ((host === "huggingface.co" || host === "hf.co") && segments[0] === "datasets" && segments.length >= 2) {
    return "DATASET";
  }
  if (host === "arxiv.org" || host.endsWith(".arxiv.org")) return "OTHER";
  return "PROJECT";
}

/** The arXiv id (without version) of the first arxiv.org/abs or /pdf link, e.g. "2405.11273". */
export function arxivIdFromLinks(links: ParsedLink[]): string | null {
  for (const { url } of links) {
    const parsed = parseUrl(url);
    if (!parsed || !(parsed.host === "arxiv.org" || parsed.host.endsWith(".arxiv.org"))) continue;
    const m = ARXIV_ID.exec(parsed.path);
    if (m) return m[1]!;
  }
  return null;
}
