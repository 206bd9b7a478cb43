// Owns turning a digest text stream into date, paper and problem events, holding only the current paper.

import { isIsoDate } from "../iso-date";
import { parseDigestDateLine } from "./dates";
import { arxivIdFromLinks, extractLinks } from "./links";
import { hashTitleKey, normalizeTitleKey, slugFromHash } from "./title-key";
import { DigestRejectedError } from "./rejected";
import { SeenTitles } from "./seen-titles";
import { TextReader } from "./text-reader";
import { isTitleLike, tidyText, truncate } from "./text-shape";
import type { DigestEvent, ParsedPaper, ParseOptions, Problem } from "./types";

/** Page chrome copied along with a digest; skipped before the first title, compared case-insensitively. */
const BOILERPLATE_LINES: readonly string[] = [
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

// Keeps memory flat on a file that is not a digest (no titles).
const MAX_ABSTRACT_LENGTH = 200_000;
const PROBLEM_TITLE_LENGTH = 80;

type Block = { lines: string[]; line: number };
type PendingTitle = { title: string; line: number; paragraphs: string[]; length: number };

/** Shared with the importer, which finds duplicates in the database instead (see import.ts). */
export function duplicateMessage(firstLine: number, title: string): string {
  return `duplicate of the paper on line ${firstLine}, skipped: "${truncate(title, PROBLEM_TITLE_LENGTH)}"`;
}

/**
 * The synchronous state machine behind parseDigest: text goes in, events queue up.
 * Kept synchronous so the hot path (lines and blocks) has no await or generator overhead.
 */
class DigestParser {
  readonly events: DigestEvent[] = [];
  private readonly options: ParseOptions;
  /** parseDigest feeds the bytes or text straight to the reader, which hands each line to handleLine. */
  readonly reader = new TextReader((line, number) => this.handleLine(line, number));
  private sawText = false;

  private block: Block | null = null;
  private fileDate: { date: string; line: number } | null = null;
  private dateEmitted = false;
  /** The paper being assembled; null only before the first title (the preamble) and after the end. */
  private current: PendingTitle | null = null;
  private paperCount = 0;
  /** 64 bits of sha256(titleKey) -> line of the first paper with that key. */
  private readonly seenTitles = new SeenTitles();

  constructor(options: ParseOptions) {
    if (options.date !== undefined && !isIsoDate(options.date)) {
      throw new DigestRejectedError(`--date must be a real day as YYYY-MM-DD, got "${options.date}"`);
    }
    this.options = options;
  }

  end(): void {
    this.reader.end();
    this.closeBlock();
    this.finishPaper();
    if (!this.sawText) throw new DigestRejectedError("the file is empty");
    if (this.paperCount === 0) {
      throw new DigestRejectedError("no papers found: expected a title line followed by an abstract");
    }
  }

  private handleLine(raw: string, lineNumber: number): void {
    const text = raw.trim();
    if (text.length === 0) {
      this.closeBlock();
      return;
    }
    this.sawText = true;
    if (this.block) this.block.lines.push(text);
    else this.block = { lines: [text], line: lineNumber };
  }

  private closeBlock(): void {
    const block = this.block;
    if (!block) return;
    this.block = null;
    if (this.current === null) this.handlePreambleBlock(block);
    else if (isTitleLike(block.lines)) this.startPaper(block);
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
    if (isTitleLike(rest.lines)) {
      this.emitDate(rest.line);
      this.startPaper(rest);
      return;
    }
    this.problem(
      rest.line,
      `text before the first title, skipped: "${truncate(rest.lines[0]!, PROBLEM_TITLE_LENGTH)}"`,
    );
  }

  private takeDateLine(date: string, line: number): void {
    if (this.fileDate) {
      this.problem(
        line,
        `second date line ignored; the digest date is ${this.fileDate.date} from line ${this.fileDate.line}`,
      );
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
      const firstLine = this.seenTitles.firstLineOrAdd(hash, current.line);
      if (firstLine !== undefined) {
        this.problem(current.line, duplicateMessage(firstLine, title), true);
        return;
      }
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
    if (typeof chunk === "string") parser.reader.pushText(chunk);
    else parser.reader.pushBytes(chunk);
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
