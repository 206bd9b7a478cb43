// Owns generating synthetic digest text for benchmarks: realistic-looking papers recombined from the
// sample digest, streamed lazily so millions of papers cost no more memory than a few hundred.

import { createWriteStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export type GenerateDigestOptions = {
  /** Total papers written, intentional repeats included. */
  papers: number;
  /** PRNG seed; the same seed and options always give the same bytes. Default 1. */
  seed?: number;
  /** Every repeatEvery-th paper repeats an earlier paper's title exactly (default 50; 0 = none). */
  repeatEvery?: number;
  /** Share of abstracts that end with a code, project or dataset link (default 0.5). */
  linkRatio?: number;
  /** The digest's date line (default "Apr 30", like the sample; the parser infers the year). */
  dateLine?: string;
};

export type DigestStats = { bytes: number; papers: number; uniquePapers: number };

const SAMPLE_URL = new URL("../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url);
const PREAMBLE = ["new", "Get trending papers in your email inbox!", "Subscribe", "byAK and the research community"];
const PAPERS_PER_CHUNK = 256;
/** Bytes allocated per pushed chunk; a chunk ends early when the next paper might not fit. */
const CHUNK_BYTES = 1 << 20;
/** Earlier unique titles a repeat may copy; bounded so memory stays flat. */
const REPEAT_POOL = 4096;
/** Chance per word of following any occurrence of the last word instead of the last two (mixes sentences). */
const ORDER1_JUMP = 0.25;
const INV_JUMP = 1 / ORDER1_JUMP;
const INV_STAY = 1 / (1 - ORDER1_JUMP);
const SENTENCE_MIN_WORDS = 7;
const SENTENCE_MAX_WORDS = 40;
/** After this many words an abstract sentence stops jumping between sample sentences. */
const SETTLE_WORDS = 24;
const TITLE_MIN_WORDS = 6;
const TITLE_MAX_WORDS = 14;

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: tiny, fast, good enough for text; returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Corpus: an order-2 Markov chain over words, stored as integer arrays so generation never hashes.

const START = "\u0002"; // sentence start marker (never emitted)
const END = "\u0003"; // sentence end marker (never emitted)

/**
 * States are word pairs (a, b). next2 lists, per state, the states that followed it in the corpus;
 * next1 lists, per word, every state starting with that word (the order-1 view of the same text).
 */
type Chain = {
  /** Per state: the second word, with and without a leading space. */
  word: string[];
  spaced: string[];
  /** Per state: 1 when the second word is END. */
  isEnd: Uint8Array;
  /** Per state: the id of its second word (an index into next1). */
  tail: Int32Array;
  next2Start: Int32Array;
  next2: Int32Array;
  next1Start: Int32Array;
  next1: Int32Array;
  /** States (START, first word). */
  starts: Int32Array;
  /** Per state: UTF-8 bytes of the second word, at bytes[byteStart[s] .. byteStart[s + 1]). */
  bytes: Uint8Array;
  byteStart: Int32Array;
  maxWordBytes: number;
};

function buildChain(sequences: string[][]): Chain {
  const wordIds = new Map<string, number>();
  const wordId = (w: string) => {
    let id = wordIds.get(w);
    if (id === undefined) wordIds.set(w, (id = wordIds.size));
    return id;
  };
  const stateIds = new Map<string, number>();
  const stateFirst: number[] = [];
  const stateSecond: number[] = [];
  const stateId = (a: number, b: number) => {
    const key = `${a},${b}`;
    let id = stateIds.get(key);
    if (id === undefined) {
      stateIds.set(key, (id = stateIds.size));
      stateFirst.push(a);
      stateSecond.push(b);
    }
    return id;
  };
  const next2Lists: number[][] = [];
  const startList: number[] = [];
  const startId = wordId(START);
  const endId = wordId(END);
  for (const words of sequences) {
    const ids = [startId, ...words.map(wordId), endId];
    let prev = stateId(ids[0]!, ids[1]!);
    startList.push(prev);
    for (let i = 2; i < ids.length; i++) {
      const state = stateId(ids[i - 1]!, ids[i]!);
      (next2Lists[prev] ??= []).push(state);
      prev = state;
    }
  }
  const stateCount = stateIds.size;
  const wordsById: string[] = [];
  for (const [w, id] of wordIds) wordsById[id] = w;
  const next1Lists: number[][] = wordsById.map(() => []);
  // Every occurrence counts, so common continuations stay common in the order-1 view too.
  for (let s = 0; s < stateCount; s++) {
    for (const t of next2Lists[s] ?? []) next1Lists[stateFirst[t]!]!.push(t);
  }
  const flatten = (lists: number[][], n: number) => {
    const start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) start[i + 1] = start[i]! + (lists[i]?.length ?? 0);
    const flat = new Int32Array(start[n]!);
    for (let i = 0; i < n; i++) flat.set(lists[i] ?? [], start[i]!);
    return { start, flat };
  };
  const n2 = flatten(next2Lists, stateCount);
  const n1 = flatten(next1Lists, wordsById.length);
  const word = stateSecond.map((b) => wordsById[b]!);
  const encoded = word.map((w) => Buffer.from(w, "utf8"));
  const byteStart = new Int32Array(stateCount + 1);
  for (let i = 0; i < stateCount; i++) byteStart[i + 1] = byteStart[i]! + encoded[i]!.length;
  const bytes = new Uint8Array(byteStart[stateCount]!);
  encoded.forEach((b, i) => bytes.set(b, byteStart[i]!));
  return {
    bytes,
    byteStart,
    maxWordBytes: Math.max(...encoded.map((b) => b.length)),
    word,
    spaced: word.map((w) => ` ${w}`),
    isEnd: Uint8Array.from(stateSecond, (b) => (b === endId ? 1 : 0)),
    tail: Int32Array.from(stateSecond),
    next2Start: n2.start,
    next2: n2.flat,
    next1Start: n1.start,
    next1: n1.flat,
    starts: Int32Array.from(startList),
  };
}

/**
 * Appends one sentence's words to `out` (the first with a leading space unless `first`), or returns
 * false (appending nothing) when the walk was too short or too long.
 */
function walkSentence(
  chain: Chain,
  rand: () => number,
  out: string[],
  first: boolean,
  minWords: number,
  maxWords: number,
): number {
  const { starts, isEnd, word, spaced } = chain;
  const mark = out.length;
  let state = starts[(rand() * starts.length) | 0]!;
  let chars = 0;
  for (let n = 0; ; n++) {
    if (isEnd[state]) {
      if (n >= minWords) return chars;
      break;
    }
    if (n >= maxWords) break;
    const w = n === 0 && first ? word[state]! : spaced[state]!;
    out.push(w);
    chars += w.length;
    state = nextState(chain, state, rand());
  }
  out.length = mark;
  return -1;
}

/** One Markov step: mostly follow the last two words, sometimes (ORDER1_JUMP) only the last one. */
function nextState(chain: Chain, state: number, r: number): number {
  const { next2Start, next2, next1Start, next1, tail } = chain;
  if (r < ORDER1_JUMP) {
    const t = tail[state]!;
    const lo = next1Start[t]!;
    return next1[lo + ((r * INV_JUMP * (next1Start[t + 1]! - lo)) | 0)]!;
  }
  const lo = next2Start[state]!;
  return next2[lo + (((r - ORDER1_JUMP) * INV_STAY * (next2Start[state + 1]! - lo)) | 0)]!;
}

/** A chunk being written: raw bytes, so the hot loop never builds intermediate strings. */
type Sink = { buf: Buffer; pos: number };

/** walkSentence for abstracts, writing UTF-8 bytes straight into the sink (which has room for maxWords). */
function walkSentenceBytes(
  chain: Chain,
  rand: () => number,
  sink: Sink,
  first: boolean,
  minWords: number,
  maxWords: number,
): boolean {
  const { starts, next2Start, next2, isEnd, bytes, byteStart } = chain;
  const buf = sink.buf;
  const mark = sink.pos;
  let pos = mark;
  let state = starts[(rand() * starts.length) | 0]!;
  for (let n = 0; ; n++) {
    if (isEnd[state]) {
      if (n >= minWords) {
        sink.pos = pos;
        return true;
      }
      return false;
    }
    if (n >= maxWords) return false;
    if (n > 0 || !first) buf[pos++] = 0x20;
    // Words average ~7 bytes: a plain loop beats creating a subarray view per word.
    for (let i = byteStart[state]!, end = byteStart[state + 1]!; i < end; i++) buf[pos++] = bytes[i]!;
    const r = rand();
    if (n >= SETTLE_WORDS) {
      // Long already: follow the sample sentence we are in to its end instead of wandering on.
      const lo = next2Start[state]!;
      state = next2[lo + ((r * (next2Start[state + 1]! - lo)) | 0)]!;
    } else {
      state = nextState(chain, state, r);
    }
  }
}

type Corpus = { abstracts: Chain; titles: Chain };

const URLISH = /:\/\/|www\.|github|huggingface|\.io\b|\.com\b|\.org\b/i;

/** Reads the sample digest: title lines and abstract lines, in order, after the preamble and date. */
function readSample(): { titles: string[]; abstracts: string[] } {
  const lines = readFileSync(SAMPLE_URL, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const dateIndex = lines.findIndex((l) => /^[A-Z][a-z]{2} \d{1,2}$/.test(l));
  const titles: string[] = [];
  const abstracts: string[] = [];
  for (const line of lines.slice(dateIndex + 1)) {
    if (line.length <= 300 && !line.endsWith(".") && !/https?:\/\//.test(line)) titles.push(line);
    else abstracts.push(line);
  }
  return { titles, abstracts };
}

function buildCorpus(): Corpus {
  const { titles, abstracts } = readSample();
  const sentences: string[][] = [];
  for (const abstract of abstracts) {
    // A sentence ends at ". " before a capital; abbreviations like "e.g. " are followed by lower case.
    for (const sentence of abstract.split(/(?<=[.!?])\s+(?=[A-Z(])/)) {
      if (URLISH.test(sentence) || !sentence.endsWith(".")) continue;
      const words = sentence.split(/\s+/).filter((w) => w.length > 0);
      if (words.length >= 4) sentences.push(words);
    }
  }
  const phrases: string[][] = [];
  for (const title of titles) {
    // The part after "Name:" reads like the phrase we want; whole titles without a name work too.
    const colon = title.indexOf(":");
    const phrase = colon !== -1 && colon < 40 ? title.slice(colon + 1) : title;
    const words = phrase
      .split(/\s+/)
      .map((w) => w.replace(/[:;,.]+$/, ""))
      .filter((w) => w.length > 0 && !URLISH.test(w));
    if (words.length >= 3) phrases.push(words);
  }
  return { abstracts: buildChain(sentences), titles: buildChain(phrases) };
}

// ---------------------------------------------------------------------------------------------
// Model names: the unique part of every title.

const CONSONANTS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "x", "z", "q"];
const VOWELS = ["a", "e", "i", "o", "u"];
/** 100 two-letter syllables: a fixed-width alphabet, so a syllable string decodes one way only. */
const SYLLABLES = CONSONANTS.flatMap((c) => VOWELS.map((v) => c + v));
const SUFFIXES = [
  "VL",
  "MoE",
  "Bench",
  "LLM",
  "Omni",
  "R1",
  "V2",
  "Agent",
  "Chat",
  "Med",
  "3D",
  "Video",
  "OCR",
  "Audio",
  "Pro",
  "Mini",
  "Instruct",
  "Eval",
  "X",
  "Lite",
  "7B",
  "13B",
  "Vision",
  "Reason",
  "Gen",
  "Doc",
];
/**
 * Suffixes glued straight onto the stem ("KoviraVL"): none is a run of consonant-vowel syllables,
 * so stem + suffix can never spell a longer stem.
 */
const GLUED_SUFFIXES = ["VL", "MoE", "LLM", "GPT", "R1", "V2", "OCR", "3D", "7B", "X", "Net"];
/** Multipliers coprime to 100, per name length, that scatter consecutive counters over the name space. */
const SCATTER = [0, 0, 7919, 382_837, 61_728_397, 813_799];

/**
 * The counter-th model name's unique stem: bijective over counters, so titles never collide.
 * Stems are 2 syllables for the first 10^4 papers, then 3 for the next 10^6, and so on; different
 * lengths cannot collide and within a length an affine map mod 100^L is a bijection.
 */
function nameStem(counter: number): string {
  let length = 2;
  let offset = counter;
  while (offset >= 100 ** length) {
    offset -= 100 ** length;
    length++;
  }
  const space = 100 ** length;
  const mult = SCATTER[length] ?? 1;
  // Split the multiply so the product stays exact in a double for every length we reach.
  let x = Number((BigInt(offset) * BigInt(mult) + 4_321n) % BigInt(space));
  let stem = "";
  for (let i = 0; i < length; i++) {
    stem += SYLLABLES[x % 100]!;
    x = Math.floor(x / 100);
  }
  return stem;
}

/** "Kovira-VL", "KoviraMoE", "KOVIRA-2", "Kovira": the stem stays the first word of the title key. */
function modelName(counter: number, rand: () => number): { name: string; slug: string } {
  const stem = nameStem(counter);
  const r = rand();
  let base: string;
  if (r < 0.12) base = stem.toUpperCase();
  else if (r < 0.3 && stem.length >= 6)
    base = stem[0]!.toUpperCase() + stem.slice(1, 4) + stem[4]!.toUpperCase() + stem.slice(5);
  else base = stem[0]!.toUpperCase() + stem.slice(1);
  const s = rand();
  let name: string;
  if (s < 0.45) name = `${base}-${SUFFIXES[(rand() * SUFFIXES.length) | 0]}`;
  else if (s < 0.6) name = base + GLUED_SUFFIXES[(rand() * GLUED_SUFFIXES.length) | 0]!;
  else if (s < 0.7) name = `${base}-${2 + ((rand() * 4) | 0)}`;
  else name = base;
  return { name, slug: stem };
}

// ---------------------------------------------------------------------------------------------
// Papers

const OWNERS_A = ["open", "deep", "vision", "multi", "smart", "neural", "ai", "lab", "data", "omni", "meta", "cv"];
const OWNERS_B = ["lab", "group", "ai", "research", "mm", "nlp", "vision", "team", "hub", "org"];

function link(name: string, slug: string, rand: () => number): string {
  const r = rand();
  const owner = `${OWNERS_A[(rand() * OWNERS_A.length) | 0]}-${OWNERS_B[(rand() * OWNERS_B.length) | 0]}`;
  const repo = name.replace(/[^A-Za-z0-9-]/g, "");
  if (r < 0.6) {
    return r < 0.4
      ? ` Code is available at https://github.com/${owner}/${repo}.`
      : ` Code and models are publicly released at https://github.com/${owner}/${repo}.`;
  }
  if (r < 0.85) {
    return r < 0.75
      ? ` Project page: https://${slug}.github.io/.`
      : ` More results are available on our project page at https://${repo.toLowerCase()}.github.io/.`;
  }
  return ` The dataset is available at https://huggingface.co/datasets/${owner}/${repo}-${r < 0.93 ? "Data" : "Instruct"}.`;
}

function titlePhrase(chain: Chain, rand: () => number): string {
  const out: string[] = [];
  for (let tries = 0; tries < 20; tries++) {
    if (walkSentence(chain, rand, out, true, TITLE_MIN_WORDS, TITLE_MAX_WORDS) >= 0) break;
  }
  if (out.length === 0) {
    // Practically unreachable; stitch words together so the title still has 6+ of them.
    while (out.length < TITLE_MIN_WORDS) {
      const s = chain.starts[(rand() * chain.starts.length) | 0]!;
      out.push(out.length === 0 ? chain.word[s]! : chain.spaced[s]!);
    }
  }
  // A title must not end like a sentence.
  const last = out.length - 1;
  out[last] = out[last]!.replace(/[.,;:]+$/, "");
  return out.join("");
}

const ABSTRACT_MAX_SENTENCES = 14;

/** Writes an abstract (8-14 sentences, one line, ending with a period) into the sink. */
function abstractInto(chain: Chain, rand: () => number, sink: Sink): void {
  const sentences = 8 + ((rand() * (ABSTRACT_MAX_SENTENCES - 7)) | 0);
  for (let i = 0; i < sentences; i++) {
    while (!walkSentenceBytes(chain, rand, sink, i === 0, SENTENCE_MIN_WORDS, SENTENCE_MAX_WORDS));
  }
}

class DigestStream extends Readable {
  readonly stats: DigestStats = { bytes: 0, papers: 0, uniquePapers: 0 };
  private readonly corpus: Corpus;
  private readonly rand: () => number;
  private readonly total: number;
  private readonly repeatEvery: number;
  private readonly linkRatio: number;
  private readonly dateLine: string;
  private readonly pool: string[] = [];
  private counter = 0;
  private headerDone = false;

  constructor(options: GenerateDigestOptions) {
    super({ highWaterMark: 1 << 20 });
    if (!Number.isSafeInteger(options.papers) || options.papers < 0) {
      throw new RangeError(`papers must be a non-negative integer, got ${options.papers}`);
    }
    const repeatEvery = options.repeatEvery ?? 50;
    if (!Number.isSafeInteger(repeatEvery) || repeatEvery < 0) {
      throw new RangeError(`repeatEvery must be a non-negative integer, got ${repeatEvery}`);
    }
    const linkRatio = options.linkRatio ?? 0.5;
    if (!(linkRatio >= 0 && linkRatio <= 1)) throw new RangeError(`linkRatio must be in [0, 1], got ${linkRatio}`);
    this.corpus = buildCorpus();
    this.rand = mulberry32(options.seed ?? 1);
    this.total = options.papers;
    this.repeatEvery = repeatEvery;
    this.linkRatio = linkRatio;
    this.dateLine = options.dateLine ?? "Apr 30";
  }

  override _read(): void {
    const { abstracts, titles } = this.corpus;
    const rand = this.rand;
    // Worst case for one paper: a 300-char title (4 bytes a char), the longest abstract, a link.
    const maxPaperBytes = 1200 + ABSTRACT_MAX_SENTENCES * SENTENCE_MAX_WORDS * (abstracts.maxWordBytes + 1) + 1000;
    const sink: Sink = { buf: Buffer.allocUnsafe(Math.max(CHUNK_BYTES, maxPaperBytes + 4096)), pos: 0 };
    const write = (text: string) => {
      sink.pos += sink.buf.write(text, sink.pos, "utf8");
    };
    if (!this.headerDone) {
      this.headerDone = true;
      for (const line of PREAMBLE) write(`${line}\n\n`);
      write(`${this.dateLine}\n\n`);
    }
    const end = Math.min(this.total, this.stats.papers + PAPERS_PER_CHUNK);
    while (this.stats.papers < end && sink.buf.length - sink.pos >= maxPaperBytes) {
      const index = ++this.stats.papers; // 1-based
      let title: string;
      let name: string;
      let slug: string;
      if (this.repeatEvery > 0 && index % this.repeatEvery === 0 && this.pool.length > 0) {
        title = this.pool[(rand() * this.pool.length) | 0]!;
        name = title.slice(0, title.indexOf(":"));
        slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      } else {
        ({ name, slug } = modelName(this.counter++, rand));
        title = `${name}: ${titlePhrase(titles, rand)}`;
        if (this.pool.length < REPEAT_POOL) this.pool.push(title);
        else this.pool[(rand() * REPEAT_POOL) | 0] = title;
        this.stats.uniquePapers++;
      }
      write(`${title}\n\n`);
      abstractInto(abstracts, rand, sink);
      if (rand() < this.linkRatio) write(link(name, slug, rand));
      write("\n\n");
    }
    if (sink.pos > 0) {
      this.stats.bytes += sink.pos;
      this.push(sink.buf.subarray(0, sink.pos));
    }
    if (this.stats.papers >= this.total) this.push(null);
  }
}

export async function writeDigestFile(path: string, options: GenerateDigestOptions): Promise<DigestStats> {
  const stream = new DigestStream(options);
  await pipeline(stream, createWriteStream(path, { highWaterMark: 1 << 20 }));
  return { ...stream.stats };
}
