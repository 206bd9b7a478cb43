// Reading a route handler's body without trusting its size: the declared Content-Length is checked
// first and bytes are counted while streaming, so a lying or chunked body stops at the limit.
import { jsonError } from "../api/responses";
import { describeBytes, MAX_BODY_BYTES } from "./body-limits";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${describeBytes(limit)}`);
  }
}

/** The body's bytes, or BodyTooLargeError past `maxBytes`. */
export async function readBodyBytes(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(seen);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, bounded like readBodyBytes. */
export async function readBodyText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, maxBytes));
}

/** The 413 every route answers with. */
export function bodyTooLargeResponse(error: BodyTooLargeError): Response {
  return jsonError(413, `${error.message}; send a smaller body`);
}
