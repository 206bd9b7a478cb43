// What search reads from the text a person typed, without a database: the words they want found,
// the order to highlight them in, and the title-only form of a tsquery.

/** The words a person wants found: not -excluded words or phrases, not the OR keyword. */
export function positiveWords(q: string): string[] {
  const words: string[] = [];
  for (const token of q.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const [, minus, phrase, bare] = token;
    if (phrase !== undefined) {
      if (minus !== "-") words.push(...(phrase.match(/[\p{L}\p{N}]+/gu) ?? []));
    } else if (bare !== undefined && !bare.startsWith("-") && bare !== "OR" && bare.toLowerCase() !== "or") {
      words.push(...(bare.match(/[\p{L}\p{N}]+/gu) ?? []));
    }
  }
  return [...new Set(words.map((word) => word.toLowerCase()))].slice(0, 50);
}

/** The words to highlight in a stable order (longest first, then alphabetical), empty ones dropped. */
export function highlightOrder(terms: readonly string[]): string[] {
  return terms.filter((term) => term.length > 0).sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The same tsquery with every lexeme restricted to the title ('video' & 'llm' -> 'video':A & 'llm':A). */
export function withTitleWeight(tsquery: string): string {
  // Negations stay harmless: the plain query, which must also match, already excludes them anywhere.
  // A prefix ('multimod':*) stays a prefix ('multimod':*A).
  return tsquery.replace(
    /'((?:[^']|'')*)'(:[A-D*]+)?/g,
    (_, lexeme: string, suffix?: string) => `'${lexeme}':${suffix?.includes("*") ? "*" : ""}A`,
  );
}

/** Whether a tsquery needs every one of its words (no OR, no NOT): then its rarest word bounds its matches. */
export function isConjunction(tsquery: string): boolean {
  return !/[|!]/.test(tsquery);
}

/** Whether a tsquery excludes a word (`-word`): GIN would read its whole index to find the papers without it. */
export function hasExclusion(tsquery: string): boolean {
  return tsquery.includes("!");
}
