// Owns how a text digest is cut into numbered lines: LF, CRLF and a lone CR each end a line, a leading
// BOM is dropped. The parser numbers its problems by it; the admin preview quotes lines by those numbers.

export class LineSplitter {
  /** Lines completed so far; the line being assembled is count + 1. */
  count = 0;
  private partial = "";
  private started = false;
  /** The previous chunk ended in "\r"; a "\n" opening the next one belongs to it. */
  private skipLeadingLineFeed = false;

  /** The chunk with a leading BOM dropped and every line break made "\n", a CRLF split across chunks included. */
  normalize(chunk: string): string {
    let text = chunk;
    if (text.length === 0) return text;
    if (!this.started) {
      this.started = true;
      // TextDecoder drops a BOM from bytes itself; string input still carries it.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.skipLeadingLineFeed && text.charCodeAt(0) === 10) text = text.slice(1);
    this.skipLeadingLineFeed = text.charCodeAt(text.length - 1) === 13;
    // A CR ending the chunk already ends its line, whatever follows.
    return text.indexOf("\r") === -1 ? text : text.replace(/\r\n?/g, "\n");
  }

  /** Hands each line that normalized text completes to onLine, with its 1-based number; keeps the unfinished rest. */
  split(text: string, onLine: (line: string, number: number) => void): void {
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      let line = text.slice(start, newline);
      if (start === 0 && this.partial.length > 0) {
        line = this.partial + line;
        this.partial = "";
      }
      onLine(line, ++this.count);
      start = newline + 1;
    }
    this.partial += text.slice(start);
  }

  /** Characters of the line still being assembled. */
  get pendingLength(): number {
    return this.partial.length;
  }

  /** A last line without a line break still counts. */
  end(onLine: (line: string, number: number) => void): void {
    if (this.partial.length > 0) onLine(this.partial, ++this.count);
    this.partial = "";
  }
}

/** The given 1-based lines of a text, trimmed and cut to maxLength, numbered as the parser numbers them. */
export function linesOfText(text: string, wanted: Set<number>, maxLength: number): Map<number, string> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const splitter = new LineSplitter();
  const take = (line: string, number: number) => {
    if (!wanted.has(number)) return;
    const value = line.trim();
    found.set(number, value.length > maxLength ? `${value.slice(0, maxLength - 1)}…` : value);
  };
  splitter.split(splitter.normalize(text), take);
  splitter.end(take);
  return found;
}
