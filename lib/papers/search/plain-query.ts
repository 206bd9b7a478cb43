// Reads a plain query (no search syntax) with the database: what the vocabulary says of its words,
// each alternative parsed, and the composed queries. The thesaurus and the typed words are parsed
// while the vocabulary is looked up; only completions and corrections (rare) cost one more read.
// Both are kept (PlainQueryCache): a parse never changes, the vocabulary's answer for WORD_STATS_TTL_MS,
// so a query of words already seen costs no read at all.
import { LRUCache } from "lru-cache";
import type { PrismaClient } from "../../db/generated/client";
import {
  compose,
  queryWords,
  suggestion,
  wordGroups,
  type Alternative,
  type ParsedAlternative,
  type ParsedGroup,
  type WordFacts,
} from "./query-words";
import { termWords } from "./thesaurus";
import { WORD_STATS_TTL_MS } from "./tuning";
import { lookUpWords, parseAlternatives, type TypedWord } from "./vocabulary";

/** What readPlainQuery keeps between searches on one database client. */
export type PlainQueryCache = { facts: LRUCache<string, WordFacts>; parsed: LRUCache<string, ParsedAlternative> };

export function plainQueryCache(): PlainQueryCache {
  return { facts: new LRUCache({ max: 20_000, ttl: WORD_STATS_TTL_MS }), parsed: new LRUCache({ max: 50_000 }) };
}

const factKey = (word: TypedWord) => `${word.last ? 1 : 0}\u0000${word.word}`;

async function wordFacts(
  client: PrismaClient,
  words: TypedWord[],
  cache: PlainQueryCache,
): Promise<Map<string, WordFacts>> {
  const missing = words.filter((word) => !cache.facts.has(factKey(word)));
  const read = await lookUpWords(client, missing);
  for (const word of missing) {
    const facts = read.get(word.word);
    if (facts) cache.facts.set(factKey(word), facts);
  }
  return new Map(
    words.flatMap((word) => {
      const facts = cache.facts.get(factKey(word)) ?? read.get(word.word);
      return facts ? [[word.word, facts] as const] : [];
    }),
  );
}

async function parsed(client: PrismaClient, alternatives: Alternative[], cache: PlainQueryCache): Promise<void> {
  const missing = [
    ...new Map(alternatives.filter((a) => !cache.parsed.has(keyOf(a))).map((a) => [keyOf(a), a])).values(),
  ];
  for (const alternative of await parseAlternatives(client, missing)) cache.parsed.set(keyOf(alternative), alternative);
}

type PlainQuery = {
  /** Every group parsed; compose() builds the queries (search.ts, once it has the word statistics). */
  groups: ParsedGroup[];
  /** The query spelled as the catalogue spells it, when a word was unknown and close to a known one. */
  suggestion: string | null;
  /** The words typed that count (filler left out), for the planner and similar titles. */
  words: string[];
  /** More words to highlight: thesaurus terms, completions, corrections and their stems. */
  terms: string[];
};

const keyOf = (alternative: Alternative) => `${alternative.kind}\u0000${alternative.text}`;

export async function readPlainQuery(client: PrismaClient, q: string, cache: PlainQueryCache): Promise<PlainQuery> {
  const typed = queryWords(q);
  const first = wordGroups(typed).flatMap((group) => group.alternatives);
  const [facts] = await Promise.all([
    wordFacts(
      client,
      typed.map((word, i) => ({ word, last: i === typed.length - 1 })),
      cache,
    ),
    parsed(client, first, cache),
  ]);
  const groups = wordGroups(typed, facts);
  await parsed(
    client,
    groups.flatMap((group) => group.alternatives),
    cache,
  );
  const parsedGroups: ParsedGroup[] = groups.map((group) => ({
    typed: group.typed,
    alternatives: group.alternatives.map((alternative) => ({
      ...cache.parsed.get(keyOf(alternative))!,
      weight: alternative.weight,
      source: alternative.source,
    })),
  }));
  const composed = compose(parsedGroups);
  const alternatives = composed.groups.flatMap((group) => group.alternatives);
  const terms = alternatives
    .filter((alternative) => alternative.source !== "typed")
    .flatMap((alternative) => [...termWords(alternative.text), ...alternative.lexemes]);
  return {
    groups: parsedGroups,
    suggestion: suggestion(typed, facts),
    words: [...new Set(composed.groups.flatMap((group) => group.typed.split(" ")))],
    terms: [...new Set(terms)],
  };
}
