// Owns reading a text digest's bytes as numbered lines: UTF-8 decoding (streaming), the line splitting of
// lines.ts, and refusing what is not text (invalid UTF-8, control bytes, an endless line) with where it is.
import { LineSplitter } from "./lines";
import { DigestRejectedError } from "./rejected";
import { invalidUtf8OffsetInStream } from "./utf8";

// Keeps memory flat on a file that is not a digest (one endless line).
const MAX_LINE_LENGTH = 1_000_000;
// C0 controls other than \t \n \f \r never occur in text; one of them means a binary file.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they mark binary files
const CONTROL_CHAR = /[\x00-\x08\x0B\x0E-\x1F]/;

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export class TextReader {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private readonly lines = new LineSplitter();
  /** Bytes decoded so far and the last (up to 3) of them: an invalid byte's offset is reported from these. */
  private bytesRead = 0;
  private tail: Uint8Array = new Uint8Array(0);

  constructor(private readonly onLine: (line: string, number: number) => void) {}

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
    this.lines.split(text, this.onLine);
    if (this.lines.pendingLength > MAX_LINE_LENGTH) {
      const line = this.lines.count + 1;
      throw new DigestRejectedError(
        `line ${line} is longer than ${MAX_LINE_LENGTH.toLocaleString("en")} characters; a digest has one title or abstract per line`,
        line,
      );
    }
  }

  /** The end of the input: a character cut off by it is invalid, and a last line without a line break still counts. */
  end(): void {
    try {
      this.pushText(this.decoder.decode());
    } catch (error) {
      if (error instanceof DigestRejectedError) throw error;
      const offset = invalidUtf8OffsetInStream(this.tail, new Uint8Array(0), this.bytesRead, true);
      throw this.invalidUtf8Near(this.lines.count + 1, offset);
    }
    this.lines.end(this.onLine);
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
}
