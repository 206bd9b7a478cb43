// Owns finding where a byte sequence stops being valid UTF-8, for error messages that point at the byte.

const isContinuation = (byte: number | undefined) => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/**
 * The offset of the first byte of the first invalid sequence, as TextDecoder({ fatal: true }) judges it
 * (no overlong forms, no surrogates, nothing above U+10FFFF), or null when the bytes are valid.
 * A sequence cut off by the end counts as invalid only when `final` (a chunk of a stream may end mid-character).
 * Called only on the error path: the decoder itself does the fast checking.
 */
export function invalidUtf8Offset(bytes: Uint8Array, start = 0, final = true): number | null {
  let i = start;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return final ? i : null;
      if (k === 1 ? byte < low || byte > high : !isContinuation(byte)) return i;
    }
    i += length;
  }
  return null;
}

/**
 * Where in a stream the bad bytes of `chunk` sit, given the bytes before it: the decoder may have held
 * back up to 3 bytes of an unfinished character, so scanning resumes at the last lead byte before the chunk.
 */
export function invalidUtf8OffsetInStream(
  previousTail: Uint8Array,
  chunk: Uint8Array,
  bytesBefore: number,
  final: boolean,
): number {
  let resume = 0;
  while (resume < previousTail.length && isContinuation(previousTail[resume])) resume++;
  const joined = new Uint8Array(previousTail.length + chunk.length);
  joined.set(previousTail);
  joined.set(chunk, previousTail.length);
  const offset = invalidUtf8Offset(joined, resume, final);
  return bytesBefore - previousTail.length + (offset ?? previousTail.length);
}
