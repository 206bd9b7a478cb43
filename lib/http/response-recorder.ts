// Records what a handler sends through `res` (status, headers, body bytes as written, so already
// compressed when the handler compressed) while it still streams to the client: the page cache's
// recording half, kept apart from its policy (lib/http/page-cache.ts).
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { isHintSetCookie } from "./signed-in-hint";

export const CACHE_STATUS_HEADER = "x-page-cache";

/** Larger responses are served but not kept (a huge digest page would crowd out everything else). */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
/** Per-connection headers of the original response that must not be replayed. */
const NOT_REPLAYED = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length"]);

export type RecordedResponse = { status: number; headers: OutgoingHttpHeaders; body: Buffer; storedAt: number };

/**
 * Records what a handler sends through `res` (status, headers, body bytes as written, so already
 * compressed when the handler compressed) while it still streams to the client. Resolves when the
 * handler ends the response: the entry when it may be replayed to anyone, else null.
 */
export function recordResponse(res: ServerResponse): Promise<RecordedResponse | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooBig = false;
  const headHeaders: OutgoingHttpHeaders = {};
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    bytes += buffer.length;
    if (bytes > MAX_ENTRY_BYTES) {
      tooBig = true;
      chunks.length = 0;
    } else {
      // A copy: the writer may reuse its buffer after write() returns.
      chunks.push(Buffer.from(buffer));
    }
  };

  const originalWriteHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    // writeHead(status, headers) and writeHead(status, reason, headers): headers passed here are not
    // visible through getHeaders() afterwards.
    const headers = args.find((arg, index) => index > 0 && typeof arg === "object" && arg !== null);
    if (headers && !Array.isArray(headers)) Object.assign(headHeaders, lowerCaseKeys(headers as OutgoingHttpHeaders));
    return (originalWriteHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
  const originalWrite = res.write;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  let done!: (entry: RecordedResponse | null) => void;
  const captured = new Promise<RecordedResponse | null>((resolve) => (done = resolve));
  const originalEnd = res.end;
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    const result = (originalEnd as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    // Everything is written (compressed, when compression wraps us): the entry is complete now,
    // however long this visitor takes to download it.
    const headers = { ...lowerCaseKeys(res.getHeaders()), ...headHeaders };
    // The signed-in hint is this reader's (lib/http/signed-in-hint.ts); any other cookie makes the page personal.
    const cookies = [headers["set-cookie"] ?? []].flat().filter((value) => !isHintSetCookie(String(value)));
    const replayable = res.statusCode === 200 && !tooBig && cookies.length === 0 && !res.destroyed;
    if (!replayable) {
      done(null);
    } else {
      for (const name of NOT_REPLAYED) delete headers[name];
      delete headers["set-cookie"];
      delete headers[CACHE_STATUS_HEADER];
      done({ status: res.statusCode, headers, body: Buffer.concat(chunks), storedAt: Date.now() });
    }
    return result;
  } as ServerResponse["end"];
  // A visitor who leaves before the response is written: nothing to keep.
  res.once("close", () => done(null));
  return captured;
}

function lowerCaseKeys(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
