// Owns choosing a digest parser from the file's first bytes (text digest or Hugging Face JSON).
import { parseDigest } from "./parse";
import { DigestRejectedError } from "./rejected";
import { MAX_JSON_BYTES, parseHfJson } from "./parse-hf-json";
import type { DigestEvent, DigestFormat, ParseOptions } from "./types";

/** Bytes looked at before choosing a parser: enough for any file signature and a doctype. */
const SNIFF_BYTES = 512;

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

function firstContentByte(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

/**
 * JSON starts with "[" or "{" after an optional BOM and whitespace; a text digest never does
 * (its first line is page chrome, a date or a title). The content decides, not the file name.
 */
export function detectDigestFormat(firstBytes: Uint8Array): DigestFormat {
  const first = firstBytes[firstContentByte(firstBytes)];
  return first === 0x5b || first === 0x7b ? "HF_JSON" : "TEXT";
}

const SIGNATURES: { bytes: number[]; kind: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], kind: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: "a PDF document" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: "a ZIP archive (or a Word/Excel file)" },
  { bytes: [0x1f, 0x8b], kind: "a gzip archive" },
];

/**
 * Files we can name before parsing: images, archives, PDFs and HTML pages are neither format, and saying
 * so beats the text parser's "not valid UTF-8" or "no date line". Returns null for anything else.
 */
function recognizeForeignFile(firstBytes: Uint8Array): string | null {
  for (const { bytes, kind } of SIGNATURES) {
    if (bytes.every((byte, i) => firstBytes[i] === byte)) return `it looks like a binary file (${kind})`;
  }
  if (firstBytes.subarray(0, SNIFF_BYTES).includes(0)) return "it looks like a binary file (it contains NUL bytes)";
  const start = firstContentByte(firstBytes);
  const head = new TextDecoder("utf-8").decode(firstBytes.subarray(start, start + 64)).toLowerCase();
  if (/^<(!doctype html|html|head|body|\?xml)/.test(head)) {
    return "it looks like a web page (HTML); copy the page's text into a .txt file, or save the JSON from the API";
  }
  return null;
}

/** Reads until `want` bytes are buffered (or the stream ends), then hands back those bytes and the rest of the stream. */
async function peek(chunks: AsyncIterable<Uint8Array>, want: number) {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < want) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (first.length > 0) yield first;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { first, rest: rest() };
}

async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) {
      throw new DigestRejectedError(
        `the JSON file is larger than ${MAX_JSON_BYTES / 1024 / 1024} MB; split it into daily files`,
      );
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/**
 * Streams events like parseDigest, starting with one "format" event, for either format.
 * Throws DigestRejectedError when the file cannot be imported at all (including a file that is
 * neither format). `strict` is accepted so callers can pass their import options through: problems
 * are still yielded as events, and the caller decides that one rejects the file.
 */
export async function* parseAnyDigest(
  chunks: AsyncIterable<Uint8Array>,
  options: ParseOptions & { strict?: boolean },
): AsyncGenerator<DigestEvent> {
  const { first, rest } = await peek(chunks, SNIFF_BYTES);
  const format = detectDigestFormat(first);
  yield { type: "format", format };
  const foreign = recognizeForeignFile(first);
  if (foreign) throw new DigestRejectedError(`the file is neither a text digest nor Hugging Face JSON: ${foreign}`);
  if (format === "HF_JSON") {
    yield* parseHfJson(await readAll(rest), options);
    return;
  }
  yield* parseDigest(rest, options);
}
