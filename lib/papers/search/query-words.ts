// How search reads a plain query (no quotes, OR or -minus): its words in groups, each group the word
// typed and what else may stand for it (thesaurus terms, the completion of a word still being typed,
// the catalogue's spelling of a misspelled word), each with a weight. Pure: the database parses each
// alternative into a tsquery (vocabulary.ts parseAlternatives) and compose() builds the queries from them.
import { findTerms } from "./thesaurus";
import { withTitleWeight } from "./words";

/** A thesaurus term counts this much of the word typed: it may mean something a little different. */
export const THESAURUS_WEIGHT = 0.7;
/** The catalogue's spelling of a word it does not know counts this much. */
export const CORRECTION_WEIGHT = 0.6;

/**
 * Words that describe the search rather than its subject ("papers about", "a model that"): they are
 * not required and do not count. English stop words ("a", "that") are dropped by the database's parser.
 */
const FILLER = new Set([
  "paper",
  "papers",
  "article",
  "articles",
  "study",
  "studies",
  "work",
  "works",
  "research",
  "about",
  "regarding",
  "related",
  "looking",
  "look",
  "find",
  "show",
  "me",
  "want",
  "need",
  "something",
  "anything",
  "someone",
  "thing",
  "things",
  "new",
  "recent",
  "latest",
  "approach",
  "approaches",
  "method",
  "methods",
  "technique",
  "techniques",
  "way",
  "ways",
  "using",
  "use",
  "uses",
  "used",
  "via",
  "based",
  "help",
  "helps",
  "let",
  "lets",
  "like",
  "kind",
  "one",
  "ones",
  "also",
  "good",
  "better",
  "best",
  "really",
  "please",
]);

/** What the catalogue's vocabulary says about a typed word (vocabulary.ts lookUpWords). */
export type WordFacts = { known: boolean; completes: boolean; correction: string | null };

type AlternativeKind = "words" | "prefix" | "phrase";
export type Alternative = {
  text: string;
  kind: AlternativeKind;
  weight: number;
  source: "typed" | "thesaurus" | "prefix" | "correction";
};
type WordGroup = { typed: string; alternatives: Alternative[] };

/** Whether the text uses the search syntax (quotes, OR, a -minus): then it is read as written, without expansion. */
export function usesSyntax(q: string): boolean {
  // Only OR in capitals: "blurry or dark photos" is a description, not two alternatives.
  return q.includes('"') || /(^|\s)-[\p{L}\p{N}]/u.test(q) || /(^|\s)OR(\s|$)/.test(q);
}

/** The words of a plain query in order, lower case (not deduplicated: thesaurus terms need the order). */
export function queryWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32);
}

/**
 * The groups of a plain query: thesaurus terms first (longest, as one group with their expansions),
 * then each other word but filler; the last word may be a prefix still being typed, an unknown word gets the
 * catalogue's spelling. `facts` maps a word to what the vocabulary says (absent: known, nothing to add).
 */
export function wordGroups(words: readonly string[], facts: ReadonlyMap<string, WordFacts> = new Map()): WordGroup[] {
  const groups: WordGroup[] = [];
  const terms = findTerms(words);
  const seen = new Set<string>();
  let next = 0;
  const add = (group: WordGroup) => {
    if (seen.has(group.typed)) return;
    seen.add(group.typed);
    groups.push(group);
  };
  for (const term of [...terms, { start: words.length, length: 0, expansions: [] }]) {
    for (let i = next; i < term.start; i++) {
      if (!FILLER.has(words[i]!)) add(wordGroup(words[i]!, i === words.length - 1, facts.get(words[i]!)));
    }
    if (term.length > 0) {
      const typed = words.slice(term.start, term.start + term.length).join(" ");
      const expansions: Alternative[] = term.expansions.map((text) => ({
        text,
        kind: /[\s-]/.test(text) ? "phrase" : "words",
        weight: THESAURUS_WEIGHT,
        source: "thesaurus",
      }));
      add({ typed, alternatives: [{ text: typed, kind: "words", weight: 1, source: "typed" }, ...expansions] });
    }
    next = term.start + term.length;
  }
  return groups;
}

function wordGroup(word: string, last: boolean, facts: WordFacts | undefined): WordGroup {
  const alternatives: Alternative[] = [{ text: word, kind: "words", weight: 1, source: "typed" }];
  if (facts && !facts.known) {
    if (last && facts.completes) alternatives.push({ text: word, kind: "prefix", weight: 1, source: "prefix" });
    else if (facts.correction !== null)
      alternatives.push({ text: facts.correction, kind: "words", weight: CORRECTION_WEIGHT, source: "correction" });
  }
  return { typed: word, alternatives };
}

/** The query with each misspelled word replaced by the catalogue's spelling, or null when none was. */
export function suggestion(words: readonly string[], facts: ReadonlyMap<string, WordFacts>): string | null {
  let changed = false;
  const corrected = words.map((word, i) => {
    const fact = facts.get(word);
    if (!fact || fact.known || fact.correction === null || (i === words.length - 1 && fact.completes)) return word;
    changed = true;
    return fact.correction;
  });
  return changed ? corrected.join(" ") : null;
}

/** An alternative as the database parsed it: its tsquery (as text, "" when only stop words) and its stems. */
export type ParsedAlternative = Alternative & { tsquery: string; lexemes: string[] };
export type ParsedGroup = { typed: string; alternatives: ParsedAlternative[] };

/** What search sends for a plain query: every group required (all words), any group (the closest), each alternative. */
export type ComposedQuery = { allWords: string; anyWord: string; groups: ParsedGroup[] };

/**
 * The groups with an alternative that is not only stop words, and the queries built from them.
 * `expands(group)` false: the group's thesaurus terms are left out (a word most papers hold finds
 * enough papers itself, and its synonyms' postings would only cost reading).
 */
export function compose(
  groups: readonly ParsedGroup[],
  expands: (group: ParsedGroup) => boolean = () => true,
): ComposedQuery {
  const kept = groups
    .map((group) => {
      const expanded = expands(group);
      return {
        ...group,
        alternatives: group.alternatives.filter(
          (alternative) => alternative.tsquery !== "" && (expanded || alternative.source !== "thesaurus"),
        ),
      };
    })
    .filter((group) =>
      group.alternatives.some(
        (alternative) =>
          alternative.source === "typed" || alternative.source === "prefix" || alternative.source === "correction",
      ),
    );
  const either = (group: ParsedGroup) =>
    `( ${group.alternatives.map((alternative) => `( ${alternative.tsquery} )`).join(" | ")} )`;
  return { allWords: kept.map(either).join(" & "), anyWord: kept.map(either).join(" | "), groups: kept };
}

/** Each alternative's tsquery and its title-only form, in group order (what the closest read tests papers with). */
export function alternativeQueries(groups: readonly ParsedGroup[]): { any: string[]; title: string[] } {
  const all = groups.flatMap((group) => group.alternatives.map((alternative) => alternative.tsquery));
  return { any: all, title: all.map(withTitleWeight) };
}
