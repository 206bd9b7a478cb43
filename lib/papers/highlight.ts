// Splits text into plain and matching segments for search-result highlighting. Pure and markup-free:
// the page renders each segment as React text (matches inside <mark>), so digest text is never HTML.

export type Segment = { text: string; match: boolean };

const WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}]`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * Marks every word that starts with one of the terms, case-insensitively ("benchmark" marks
 * "Benchmarks", "evalu" marks "evaluation"); a term inside a word ("mark" in "benchmark") is no match.
 */
export function highlightSegments(text: string, terms: string[]): Segment[] {
  if (text.length === 0) return [];
  const unique = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter((term) => term.length > 0))];
  if (unique.length === 0) return [{ text, match: false }];
  // Longest first, so the alternation prefers the longer of two overlapping terms.
  unique.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<!${WORD_CHAR})(?:${unique.map(escapeRegExp).join("|")})${WORD_CHAR}*`, "giu");

  const segments: Segment[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    const start = found.index;
    if (found[0].length === 0) continue;
    if (start > last) segments.push({ text: text.slice(last, start), match: false });
    segments.push({ text: found[0], match: true });
    last = start + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}
