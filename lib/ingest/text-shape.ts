// Owns what a text digest's lines look like: which line reads as a title, and how text is tidied
// (NFC, single spaces) before it becomes a paper.

const TITLE_MAX_LENGTH = 300;
const HAS_URL = /https?:\/\//i;
// Plain printable ASCII needs no Unicode normalization and holds no whitespace but " ".
const NOT_PLAIN_ASCII = /[^ -~]/;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** NFC with single spaces; the cheap checks first because this runs on every byte of every abstract. */
export function tidyText(text: string): string {
  if (NOT_PLAIN_ASCII.test(text)) return text.replace(/\s+/g, " ").normalize("NFC");
  return text.indexOf("  ") === -1 ? text : text.replace(/ {2,}/g, " ");
}

/** A block of one short line that does not read as a sentence; "?" and "!" endings and colons are fine. */
export function isTitleLike(lines: readonly string[]): boolean {
  if (lines.length !== 1) return false;
  const text = lines[0]!;
  return text.length <= TITLE_MAX_LENGTH && !text.endsWith(".") && !HAS_URL.test(text);
}
