// Reads a plain query (no search syntax) with the database: what the vocabulary says of its words,
// each alternative parsed, and the composed queries. The thesaurus and the typed words are parsed
// while the vocabulary is looked up; only completions and corrections (rare) cost one more read.
import type { PrismaClient } from "../../db/generated/client";
import { compose, queryWords, suggestion, wordGroups, type Alternative, type ComposedQuery, type ParsedAlternative } from "./query-words";
import { termWords } from "./thesaurus";
import { lookUpWords, parseAlternatives } from "./vocabulary";

type PlainQuery = {
  composed: ComposedQuery;
  /** The query spelled as the catalogue spells it, when a word was unknown and close to a known one. */
  suggestion: string | null;
  /** The words typed that count (filler left out), for the planner and similar titles. */
  words: string[];
  /** More words to highlight: thesaurus terms, completions, corrections and their stems. */
  terms: string[];
};

const keyOf = (alternative: Alternative) => `${alternative.kind}\u0000${alternative.text}`;

export async function readPlainQuery(client: PrismaClient, q: string): Promise<PlainQuery> {
  const typed = queryWords(q);
  const first = wordGroups(typed).flatMap((group) => group.alternatives);
  const [facts, parsedFirst] = await Promise.all([lookUpWords(client, typed), parseAlternatives(client, first)]);
  const groups = wordGroups(typed, facts);
  const parsed = new Map<string, ParsedAlternative>(parsedFirst.map((alternative) => [keyOf(alternative), alternative]));
  const missing = groups.flatMap((group) => group.alternatives).filter((alternative) => !parsed.has(keyOf(alternative)));
  for (const alternative of await parseAlternatives(client, missing)) parsed.set(keyOf(alternative), alternative);
  const composed = compose(
    groups.map((group) => ({
      typed: group.typed,
      alternatives: group.alternatives.map((alternative) => ({ ...parsed.get(keyOf(alternative))!, weight: alternative.weight, source: alternative.source })),
    })),
  );
  const alternatives = composed.groups.flatMap((group) => group.alternatives);
  const terms = alternatives.filter((alternative) => alternative.source !== "typed").flatMap((alternative) => [...termWords(alternative.text), ...alternative.lexemes]);
  return {
    composed,
    suggestion: suggestion(typed, facts),
    words: [...new Set(composed.groups.flatMap((group) => group.typed.split(" ")))],
    terms: [...new Set(terms)],
  };
}
