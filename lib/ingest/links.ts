// Owns finding http(s) URLs in abstract text and deciding what kind of resource each points at.

import type { LinkKind, ParsedLink } from "./types";

// Stops at whitespace, angle brackets and double quotes, which never sit inside a URL in prose.
// Linear on any input: an attempt fails within its first 9 characters, and a match (a greedy run with nothing
// after it, so no backtracking) resumes the scan past itself.
const URL_PATTERN = /https?:\/\/[^\s<>"]+/gi;
/**
 * A longer "URL" (UTF-8 bytes, after trimming) is not a link: it stays plain text in the abstract and is not
 * stored as a paper link. Real links in abstracts are well under 200 bytes, and 2048 is the de-facto ceiling
 * elsewhere (sitemaps, crawlers, CDNs), so only junk is refused. It also keeps the url below PostgreSQL's
 * b-tree entry limit (2704 bytes) for paper_link's (paper_id, url) unique index: one incompressible
 * 3 KB URL would otherwise fail the insert and with it the whole import.
 */
export const MAX_URL_BYTES = 2048;
const ARXIV_ID = /^\/(?:abs|pdf)\/(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?\/?$/i;

/** Sentence punctuation and closing quotes that prose glues onto the end of a URL: . , ; : ! ? ' " ‘ ’ “ ” » */
function isTrailingPunctuation(code: number): boolean {
  // A switch on char codes: five times faster than looking the character up in a string or a Set.
  switch (code) {
    case 0x2e:
    case 0x2c:
    case 0x3b:
    case 0x3a:
    case 0x21:
    case 0x3f:
    case 0x27:
    case 0x22:
    case 0x2018:
    case 0x2019:
    case 0x201c:
    case 0x201d:
    case 0xbb:
      return true;
    default:
      return false;
  }
}

/**
 * Strips trailing punctuation and closing quotes, and a ")" or "]" that closes a bracket opened before the URL,
 * keeping a balanced one (Wikipedia-style /Foo_(bar)). One count of the brackets, then one backwards pass:
 * linear, where re-counting per stripped character, and a /[...]+$/ regex on a long punctuation run inside the
 * URL, were quadratic (seconds on 20,000 ").", or 40,000 dots followed by a letter).
 */
export function trimUrl(raw: string): string {
  let opens = 0;
  let closes = 0;
  let squareOpens = 0;
  let squareCloses = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i); // ( ) [ ] are 0x28 0x29 0x5b 0x5d
    if (c === 0x28) opens++;
    else if (c === 0x29) closes++;
    else if (c === 0x5b) squareOpens++;
    else if (c === 0x5d) squareCloses++;
  }
  let end = raw.length;
  while (end > 0) {
    const c = raw.charCodeAt(end - 1);
    if (isTrailingPunctuation(c)) end--;
    else if (c === 0x29 && opens < closes) {
      closes--;
      end--;
    } else if (c === 0x5d && squareOpens < squareCloses) {
      squareCloses--;
      end--;
    } else break;
  }
  return raw.slice(0, end);
}

/** Whether the string takes more than max bytes in UTF-8; stops counting once it does. */
function exceedsUtf8Bytes(text: string, max: number): boolean {
  if (text.length > max) return true; // every UTF-16 unit is at least one byte
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= max; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes > max;
}

/** A URL in a text: url === text.slice(start, start + url.length). */
export type UrlSpan = { url: string; start: number };

/**
 * Every http(s) URL in the text with where it starts, trimmed (see trimUrl), repeats included, in order.
 * The one rule for what counts as a link: the importer stores these and the paper page links these.
 */
export function findUrls(text: string): UrlSpan[] {
  const spans: UrlSpan[] = [];
  // Most abstracts have no link; skip the regex scan for them.
  if (text.indexOf("://") === -1) return spans;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    // "https://" followed only by punctuation is not a link (trimming never eats into the "//").
    if (url.length <= match[0].indexOf("//") + 2 || exceedsUtf8Bytes(url, MAX_URL_BYTES)) continue;
    spans.push({ url, start: match.index });
  }
  return spans;
}

/** Every http(s) URL in the text, trailing punctuation stripped, de-duplicated, in order of appearance. */
export function extractLinks(text: string): ParsedLink[] {
  const links: ParsedLink[] = [];
  const seen = new Set<string>();
  for (const { url } of findUrls(text)) {
    if (seen.has(url)) continue;
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
