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

/**
 * LETTERS[byte] of a text's UTF-8: 0-25 for a-z and A-Z (case folded here, not by a lowercased copy), 26-35
 * for 0-9, -1 for anything else: a separator, as is every byte of a non-ASCII character.
 */
const LETTERS = new Int8Array(256).fill(-1);
for (let code = 97; code <= 122; code += 1) LETTERS[code] = LETTERS[code - 32] = code - 97;
for (let code = 48; code <= 57; code += 1) LETTERS[code] = code - 22;

/** 0-35 for a word character, -1 for anything else (a separator). */
function letterOf(code: number): number {
  return code < 256 ? LETTERS[code]! : -1;
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
function isBreak(bytes: Uint8Array, length: number, at: number): boolean {
  const code = bytes[at]!;
  if (code !== 46 && code !== 59 && code !== 58 && code !== 33 && code !== 63) return false;
  if (at + 1 >= length) return true;
  const next = bytes[at + 1]!;
  return next === 32 || next === 10 || next === 13 || next === 9;
}

/**
 * The matcher reads a text as UTF-8 bytes, written into one reused buffer: scanning bytes is about
 * twice as fast as reading a string's characters, and it reads every word of every abstract an import
 * brings. ASCII text is read as it is (LETTERS folds its case): most abstracts. Any other text is first
 * lowercased with accents folded ("Café" reads "cafe"); its other non-ASCII characters are separators.
 */
const encoder = new TextEncoder();
let scratch = new Uint8Array(16 * 1024);

function encodeInto(text: string): number {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}

/** Writes the text as the matcher reads it into `scratch`; returns its length in bytes. */
function foldText(text: string): number {
  const written = encodeInto(text);
  if (written === text.length) return written;
  return encodeInto(
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, ""),
  );
}

/** Word boundaries in `scratch`: word i is bytes starts[i]..ends[i]; breaks[i] = a sentence ends before it. */
type Words = { bytes: Uint8Array; count: number; starts: Int32Array; ends: Int32Array; breaks: Uint8Array };

/** One set of boundary arrays, reused by every call: a Words is read before the next splitWords. */
const shared: Words = {
  bytes: scratch,
  count: 0,
  starts: new Int32Array(8 * 1024),
  ends: new Int32Array(8 * 1024),
  breaks: new Uint8Array(8 * 1024),
};

function splitWords(length: number): Words {
  const capacity = (length >> 1) + 1;
  if (shared.starts.length < capacity) {
    shared.starts = new Int32Array(capacity);
    shared.ends = new Int32Array(capacity);
    shared.breaks = new Uint8Array(capacity);
  }
  const words = shared;
  const bytes = scratch;
  words.bytes = bytes;
  words.count = 0;
  let start = -1;
  let pendingBreak = 0;
  for (let at = 0; at <= length; at += 1) {
    if (at < length && LETTERS[bytes[at]!]! >= 0) {
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
    if (at < length && isBreak(bytes, length, at)) pendingBreak = 1;
  }
  return words;
}

/** The words of a text, for tests and for reading what the matcher sees. */
export function topicWords(text: string): string[] {
  const words = splitWords(foldText(text));
  const decoder = new TextDecoder();
  return Array.from({ length: words.count }, (_, i) =>
    decoder.decode(words.bytes.subarray(words.starts[i], words.ends[i])).toLowerCase(),
  );
}

function wordMatches(word: Word, words: Words, index: number): boolean {
  if (index >= words.count || words.breaks[index] === 1) return false;
  const start = words.starts[index]!;
  const length = words.ends[index]! - start;
  if (word.prefix ? length < word.text.length : length !== word.text.length) return false;
  // A term's words are lowercase; a text's word bytes are ASCII letters and digits, which `| 0x20` lowercases.
  for (let k = 0; k < word.text.length; k += 1) {
    if ((words.bytes[start + k]! | 0x20) !== word.text.charCodeAt(k)) return false;
  }
  return true;
}

function termMatches(entry: Entry, words: Words, index: number): boolean {
  for (let k = 0; k < entry.rest.length; k += 1) if (!wordMatches(entry.rest[k]!, words, index + 1 + k)) return false;
  return true;
}

function collect(trie: Trie, words: Words, found: Set<number>): void {
  const { bytes, starts, ends } = words;
  const { children } = trie;
  for (let index = 0; index < words.count; index += 1) {
    let node = 0;
    const end = ends[index]!;
    for (let at = starts[index]!; at < end; at += 1) {
      node = children[node * 36 + LETTERS[bytes[at]!]!]!;
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
