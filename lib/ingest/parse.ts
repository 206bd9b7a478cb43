// Owns turning a digest text stream into date, paper and problem events, holding only the current paper.

import { isIsoDate } from "../iso-date";
import { parseDigestDateLine } from "./dates";
import { arxivIdFromLinks, extractLinks } from "./links";
import { hashTitleKey, normalizeTitleKey, slugFromHash } from "./title-key";
import { LineSplitter } from "./lines";
import { invalidUtf8OffsetInStream } from "./utf8";
import type { DigestEvent, ParsedPaper, ParseOptions, Problem } from "./types";

/** Page chrome copied along with a digest; skipped before the first title, compared case-insensitively. */
export const BOILERPLATE_LINES: readonly string[] = [
  "new",
  "get trending papers in your email inbox!",
  "subscribe",
  "byak and the research community",
  "daily papers",
  "trending papers",
  "papers",
  "submit a paper",
  "search",
  "previous",
  "next",
];
const BOILERPLATE = new Set(BOILERPLATE_LINES);

const TITLE_MAX_LENGTH = 300;
// Limits that keep memory flat on files that are not digests (one endless line, no titles).
const MAX_LINE_LENGTH = 1_000_000;
const MAX_ABSTRACT_LENGTH = 200_000;
const PROBLEM_TITLE_LENGTH = 80;
// C0 controls other than \t \n \f \r never occur in text; one of them means a binary file.
const CONTROL_CHAR = /[\x00-\x08\x0B\x0E-\x1F]/;
const HAS_URL = /https?:\/\//i;
// Plain printable ASCII needs no Unicode normalization and holds no whitespace but " ".
const NOT_PLAIN_ASCII = /[^ -~]/;

export class DigestRejectedError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = "DigestRejectedError";
  }
}

type Block = { lines: string[]; line: number };
type PendingTitle = { title: string; line: number; paragraphs: string[]; length: number };

/** Shared with the importer, which finds duplicates in the database instead (see import.ts). */
export function duplicateMessage(firstLine: number, title: string): string {
  return `duplicate of the paper on line ${firstLine}, skipped: "${truncate(title, PROBLEM_TITLE_LENGTH)}"`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** NFC with single spaces; the cheap checks first because this runs on every byte of every abstract. */
function tidyText(text: string): string {
  if (NOT_PLAIN_ASCII.test(text)) return text.replace(/\s+/g, " ").normalize("NFC");
  return text.indexOf("  ") === -1 ? text : text.replace(/ {2,}/g, " ");
}

/** A short single line that does not read as a sentence; "?" and "!" endings and colons are fine. */
function isTitleLike(block: Block): boolean {
  if (block.lines.length !== 1) return false;
  const text = block.lines[0]!;
  return text.length <= TITLE_MAX_LENGTH && !text.endsWith(".") && !HAS_URL.test(text);
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * The synchronous state machine behind parseDigest: text goes in, events queue up.
 * Kept synchronous so the hot path (lines and blocks) has no await or generator overhead.
 */
class DigestParser {
  readonly events: DigestEvent[] = [];
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private readonly options: ParseOptions;
  private readonly lines = new LineSplitter();
  private sawText = false;
  /** Bytes decoded so far and the last (up to 3) of them: an invalid byte's offset is reported from these. */
  private bytesRead = 0;
  private tail: Uint8Array = new Uint8Array(0);

  private block: Block | null = null;
  private fileDate: { date: string; line: number } | null = null;
  private dateEmitted = false;
  /** The paper being assembled; null only before the first title (the preamble) and after the end. */
  private current: PendingTitle | null = null;
  private paperCount = 0;
  /** 53 bits of sha256(titleKey) -> line of the first paper with that key. */
  private readonly seenTitles = new Map<number, number>();

  constructor(options: ParseOptions) {
    if (options.date !== undefined && !isIsoDate(options.date)) {
      throw new DigestRejectedError(`--date must be a real day as YYYY-MM-DD, got "${options.date}"`);
    }
    this.options = options;
  }

  pushBytes(chunk: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw this.invalidUtf8(chunk);
    }
    this.bytesRead += chunk.length;
    this.tail = chunk.length >= 3 ? chunk.slice(-3) : new Uint8Array([...this.tail, ...chunk].slice(-3));
    this.pushText(text);
  }

  pushText(chunk: string): void {
    const text = this.lines.normalize(chunk);
    if (text.length === 0) return;
    const control = CONTROL_CHAR.exec(text);
    if (control) {
      const line = this.lines.count + 1 + countNewlines(text, control.index);
      const code = control[0].charCodeAt(0).toString(16).padStart(2, "0");
      throw new DigestRejectedError(
        `the file looks like a binary file, not a text digest (byte 0x${code} on line ${line})`,
        line,
      );
    }
    this.lines.split(text, this.handleLine);
    if (this.lines.pendingLength > MAX_LINE_LENGTH) {
      const line = this.lines.count + 1;
      throw new DigestRejectedError(
        `line ${line} is longer than ${MAX_LINE_LENGTH.toLocaleString("en")} characters; a digest has one title or abstract per line`,
        line,
      );
    }
  }

  end(): void {
    try {
      this.pushText(this.decoder.decode());
    } catch (error) {
      if (error instanceof DigestRejectedError) throw error;
      throw this.invalidUtf8Near(this.lines.count + 1, invalidUtf8OffsetInStream(this.tail, new Uint8Array(0), this.bytesRead, true));
    }
    this.lines.end(this.handleLine);
    this.closeBlock();
    this.finishPaper();
    if (!this.sawText) throw new DigestRejectedError("the file is empty");
    if (this.paperCount === 0) {
      throw new DigestRejectedError("no papers found: expected a title line followed by an abstract");
    }
  }

  private invalidUtf8(chunk: Uint8Array): DigestRejectedError {
    // Only on the error path: decode leniently to find roughly where the bad bytes sit.
    const lenient = new TextDecoder("utf-8").decode(chunk).replace(/\r\n?/g, "\n");
    const bad = lenient.indexOf("\uFFFD");
    const offset = invalidUtf8OffsetInStream(this.tail, chunk, this.bytesRead, false);
    return this.invalidUtf8Near(this.lines.count + 1 + countNewlines(lenient, bad === -1 ? 0 : bad), offset);
  }

  private invalidUtf8Near(line: number, offset: number): DigestRejectedError {
    return new DigestRejectedError(
      `the file is not valid UTF-8 (byte offset ${offset}, near line ${line}); save it as UTF-8 text and retry`,
      line,
    );
  }

  private readonly handleLine = (raw: string, lineNumber: number): void => {
    const text = raw.trim();
    if (text.length === 0) {
      this.closeBlock();
      return;
    }
    this.sawText = true;
    if (this.block) this.block.lines.push(text);
    else this.block = { lines: [text], line: lineNumber };
  };

  private closeBlock(): void {
    const block = this.block;
    if (!block) return;
    this.block = null;
    if (this.current === null) this.handlePreambleBlock(block);
    else if (isTitleLike(block)) this.startPaper(block);
    else this.addParagraphLines(this.current, block.lines);
  }

  private addParagraphLines(current: PendingTitle, lines: string[]): void {
    for (const line of lines) {
      current.paragraphs.push(line);
      current.length += line.length + 1;
    }
    if (current.length > MAX_ABSTRACT_LENGTH) {
      throw new DigestRejectedError(
        `the abstract of the paper on line ${current.line} is longer than ${MAX_ABSTRACT_LENGTH.toLocaleString("en")} characters; ` +
          `check that the file is a digest (a title line, a blank line, an abstract)`,
        current.line,
      );
    }
  }

  /** Before the first title: page chrome and the date line, possibly without blank lines between them. */
  private handlePreambleBlock(block: Block): void {
    let skip = 0;
    for (const line of block.lines) {
      const date = parseDigestDateLine(line, this.options.today);
      if (date) this.takeDateLine(date, block.line + skip);
      else if (!BOILERPLATE.has(line.toLowerCase())) break;
      skip++;
    }
    if (skip === block.lines.length) return;
    const rest: Block = skip === 0 ? block : { lines: block.lines.slice(skip), line: block.line + skip };
    if (isTitleLike(rest)) {
      this.emitDate(rest.line);
      this.startPaper(rest);
      return;
    }
    this.problem(rest.line, `text before the first title, skipped: "${truncate(rest.lines[0]!, PROBLEM_TITLE_LENGTH)}"`);
  }

  private takeDateLine(date: string, line: number): void {
    if (this.fileDate) {
      this.problem(line, `second date line ignored; the digest date is ${this.fileDate.date} from line ${this.fileDate.line}`);
      return;
    }
    this.fileDate = { date, line };
  }

  private emitDate(firstTitleLine: number): void {
    if (this.dateEmitted) return;
    const date = this.options.date ?? this.fileDate?.date ?? this.options.fallbackDate;
    if (date === undefined) {
      throw new DigestRejectedError(
        `no digest date found before the first paper (line ${firstTitleLine}); ` +
          `add a date line such as "Apr 30, 2025" or pass --date YYYY-MM-DD`,
        firstTitleLine,
      );
    }
    this.dateEmitted = true;
    const line = this.fileDate?.line ?? null;
    const fallback = this.options.date === undefined && this.fileDate === null;
    this.events.push(fallback ? { type: "date", date, line, fallback: true } : { type: "date", date, line });
  }

  private startPaper(block: Block): void {
    this.finishPaper();
    this.current = { title: block.lines[0]!, line: block.line, paragraphs: [], length: 0 };
  }

  private finishPaper(): void {
    const current = this.current;
    if (!current) return;
    this.current = null;
    const title = tidyText(current.title);
    if (current.paragraphs.length === 0) {
      this.problem(current.line, `title with no abstract, skipped: "${truncate(title, PROBLEM_TITLE_LENGTH)}"`, true);
      return;
    }
    const titleKey = normalizeTitleKey(title);
    const hash = hashTitleKey(titleKey);
    if (this.options.detectDuplicates !== false) {
      // 53 bits fit a JS number exactly; a Map of numbers stays small on large files.
      const seenKey = hash.readUIntBE(0, 6) * 32 + (hash[6]! >>> 3);
      const firstLine = this.seenTitles.get(seenKey);
      if (firstLine !== undefined) {
        this.problem(current.line, duplicateMessage(firstLine, title), true);
        return;
      }
      this.seenTitles.set(seenKey, current.line);
    }
    const abstract = tidyText(current.paragraphs.join(" "));
    const links = extractLinks(abstract);
    const paper: ParsedPaper = {
      title,
      abstract,
      links,
      arxivId: arxivIdFromLinks(links),
      titleKey,
      slug: slugFromHash(title, hash),
      line: current.line,
    };
    this.paperCount++;
    this.events.push({ type: "paper", paper });
  }

  private problem(line: number, message: string, skipsPaper = false): void {
    const problem: Problem = { line, message };
    this.events.push({ type: "problem", problem, skipsPaper });
  }
}

/**
 * Streams a digest into events: exactly one "date" before the first "paper", "problem"s anywhere.
 * Throws DigestRejectedError when the file cannot be imported at all.
 */
export async function* parseDigest(
  source: AsyncIterable<Uint8Array | string>,
  options: ParseOptions,
): AsyncGenerator<DigestEvent> {
  const parser = new DigestParser(options);
  for await (const chunk of source) {
    if (typeof chunk === "string") parser.pushText(chunk);
    else parser.pushBytes(chunk);
    if (parser.events.length > 0) yield* parser.events.splice(0);
  }
  parser.end();
  yield* parser.events.splice(0);
}

async function* single(text: string | Uint8Array): AsyncGenerator<string | Uint8Array> {
  yield text;
}

/** Collects parseDigest for tests and small inputs. */
export async function parseDigestText(
  text: string | Uint8Array,
  options: ParseOptions,
): Promise<{ digestDate: string; papers: ParsedPaper[]; problems: Problem[] }> {
  let digestDate = "";
  const papers: ParsedPaper[] = [];
  const problems: Problem[] = [];
  for await (const event of parseDigest(single(text), options)) {
    if (event.type === "date") digestDate = event.date;
    else if (event.type === "paper") papers.push(event.paper);
    else if (event.type === "problem") problems.push(event.problem);
  }
  return { digestDate, papers, problems };
}
