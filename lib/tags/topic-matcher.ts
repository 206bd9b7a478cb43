// Finds a paper's topics from its title and abstract (the rules are described in lib/tags/topics.ts). Pure.
//
// Why here and not in SQL: the importer already streams every paper through this process, and a
// dictionary lookup per word costs a few microseconds per paper. PostgreSQL's regular expressions
// read about 70 MB/s per pattern (one pass per topic over 1.6 GB of abstracts for a million papers),
// and tsqueries against search_vector cost about 130 us per paper for this taxonomy: minutes, not seconds.
import type { Topic } from "./topic-taxonomy";

/** A term's word: lowercase letters and digits; a trailing `*` (after at least 3 of them) makes it a prefix. */
const TERM_WORD = /^[a-z0-9]+$|^[a-z0-9]{3,}\*$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Word = { text: string; prefix: boolean };
/** A term whose first word led here; `rest` are the words that must follow. */
type Entry = { topic: number; rest: Word[] };

/**
 * The first words of all terms as a trie over [a-z0-9]: a text word is looked up by walking its
 * characters, with no string built per word (the matcher reads every word of every abstract).
 */
type Trie = {
  /** children[node * 36 + letter]: the child node, 0 for none (node 0 is the root, never a child). */
  children: Int32Array;
  /** Terms whose first word ends exactly at the node, and terms whose first word is a prefix ending there. */
  exact: (Entry[] | undefined)[];
  prefix: (Entry[] | undefined)[];
};

export type TopicMatcher = { topics: readonly Topic[]; title: Trie; abstract: Trie };

/** What is wrong with the taxonomy (empty when nothing): a bad term would silently never match. */
export function taxonomyProblems(topics: readonly Topic[]): string[] {
  const problems: string[] = [];
  const slugs = new Set<string>();
  for (const topic of topics) {
    if (!SLUG.test(topic.slug))
      problems.push(`topic slug "${topic.slug}" must be lowercase letters and digits joined by "-"`);
    if (slugs.has(topic.slug)) problems.push(`topic slug "${topic.slug}" is used twice`);
    slugs.add(topic.slug);
    if (!topic.name.trim()) problems.push(`topic "${topic.slug}" needs a name`);
    if (topic.title.length === 0) problems.push(`topic "${topic.slug}" needs at least one title term`);
    for (const term of [...topic.title, ...topic.abstract]) {
      const bad = term.split(" ").find((word) => !TERM_WORD.test(word));
      if (bad !== undefined) {
        problems.push(
          `topic "${topic.slug}": term "${term}" has "${bad}"; use lowercase letters and digits, one space between words, "*" only after 3 or more letters`,
        );
      }
    }
  }
  return problems;
}

/** 0-25 for a-z, 26-35 for 0-9, -1 for anything else (a separator). */
function letterOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}

function buildTrie(topics: readonly Topic[], field: "title" | "abstract"): Trie {
  let children = new Int32Array(36 * 64);
  const exact: (Entry[] | undefined)[] = [undefined];
  const prefix: (Entry[] | undefined)[] = [undefined];
  topics.forEach((topic, position) => {
    for (const term of topic[field]) {
      const [first, ...rest] = term
        .split(" ")
        .map((word): Word => ({ text: word.replace(/\*$/, ""), prefix: word.endsWith("*") }));
      let node = 0;
      for (const char of first!.text) {
        const slot = node * 36 + letterOf(char.charCodeAt(0));
        if (children[slot] === 0) {
          const child = exact.length;
          exact.push(undefined);
          prefix.push(undefined);
          if ((child + 1) * 36 > children.length) {
            const grown = new Int32Array(children.length * 2);
            grown.set(children);
            children = grown;
          }
          children[slot] = child;
        }
        node = children[slot]!;
      }
      const list = first!.prefix ? prefix : exact;
      (list[node] ??= []).push({ topic: position, rest });
    }
  });
  return { children, exact, prefix };
}

export function compileTopics(topics: readonly Topic[]): TopicMatcher {
  const problems = taxonomyProblems(topics);
  if (problems.length > 0) throw new Error(`the topic taxonomy has problems:\n${problems.join("\n")}`);
  return { topics, title: buildTrie(topics, "title"), abstract: buildTrie(topics, "abstract") };
}

/** Sentence punctuation followed by whitespace or the end: ". ; : ! ?" */
function isBreak(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code !== 46 && code !== 59 && code !== 58 && code !== 33 && code !== 63) return false;
  const next = text.charCodeAt(at + 1);
  return Number.isNaN(next) || next === 32 || next === 10 || next === 13 || next === 9;
}

/** Lowercase, accents folded ("Café" reads "cafe"); other non-ASCII characters become separators. */
function foldText(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex -- the class is everything outside ASCII, NUL included
  return /[^\u0000-\u007f]/.test(lower) ? lower.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") : lower;
}

/** Word boundaries of a folded text: word i is text.slice(starts[i], ends[i]); breaks[i] = a sentence ends before it. */
type Words = { text: string; count: number; starts: Int32Array; ends: Int32Array; breaks: Uint8Array };

function splitWords(text: string): Words {
  const capacity = (text.length >> 1) + 1;
  const words: Words = {
    text,
    count: 0,
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    breaks: new Uint8Array(capacity),
  };
  let start = -1;
  let pendingBreak = 0;
  for (let at = 0; at <= text.length; at += 1) {
    if (at < text.length && letterOf(text.charCodeAt(at)) >= 0) {
      if (start < 0) start = at;
      continue;
    }
    if (start >= 0) {
      words.starts[words.count] = start;
      words.ends[words.count] = at;
      words.breaks[words.count] = pendingBreak;
      words.count += 1;
      start = -1;
      pendingBreak = 0;
    }
    if (at < text.length && isBreak(text, at)) pendingBreak = 1;
  }
  return words;
}

/** The words of a text, for tests and for reading what the matcher sees. */
export function topicWords(text: string): string[] {
  const words = splitWords(foldText(text));
  return Array.from({ length: words.count }, (_, i) => words.text.slice(words.starts[i], words.ends[i]));
}

function wordMatches(word: Word, words: Words, index: number): boolean {
  if (index >= words.count || words.breaks[index] === 1) return false;
  const start = words.starts[index]!;
  const length = words.ends[index]! - start;
  if (word.prefix ? length < word.text.length : length !== word.text.length) return false;
  return words.text.startsWith(word.text, start);
}

function termMatches(entry: Entry, words: Words, index: number): boolean {
  for (let k = 0; k < entry.rest.length; k += 1) if (!wordMatches(entry.rest[k]!, words, index + 1 + k)) return false;
  return true;
}

function collect(trie: Trie, words: Words, found: Set<number>): void {
  const { text, starts, ends } = words;
  for (let index = 0; index < words.count; index += 1) {
    let node = 0;
    const end = ends[index]!;
    for (let at = starts[index]!; at < end; at += 1) {
      node = trie.children[node * 36 + letterOf(text.charCodeAt(at))]!;
      if (node === 0) break;
      const prefixed = trie.prefix[node];
      if (prefixed)
        for (const entry of prefixed)
          if (!found.has(entry.topic) && termMatches(entry, words, index)) found.add(entry.topic);
    }
    const exact = node === 0 ? undefined : trie.exact[node];
    if (exact)
      for (const entry of exact)
        if (!found.has(entry.topic) && termMatches(entry, words, index)) found.add(entry.topic);
  }
}

/** Positions (in matcher.topics) of the paper's topics, ascending. */
export function matchTopics(matcher: TopicMatcher, title: string, abstract: string): number[] {
  const found = new Set<number>();
  collect(matcher.title, splitWords(foldText(title)), found);
  if (found.size < matcher.topics.length) collect(matcher.abstract, splitWords(foldText(abstract)), found);
  return [...found].sort((a, b) => a - b);
}

/** The slugs of the paper's topics, in taxonomy order. */
export function topicSlugsFor(matcher: TopicMatcher, title: string, abstract: string): string[] {
  return matchTopics(matcher, title, abstract).map((position) => matcher.topics[position]!.slug);
}
