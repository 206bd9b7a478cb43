// The web server's first look at a request body: a declared size over the route's limit is refused
// before a byte is read, and a body without a declared size is refused outright. Node's parser never
// hands over more than Content-Length bytes, so after this gate every body is bounded.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimitFor, describeBytes } from "./body-limits";

/** How long a refused upload may keep its connection (its bytes are discarded, never held) before it is cut. */
const REFUSED_LINGER_MS = 5_000;

/** Answers 411 or 413 and returns true when the body must not be read. */
export function refuseUnboundedBody(req: IncomingMessage, res: ServerResponse): boolean {
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const path = (req.url ?? "/").split("?", 1)[0]!;
  const limit = bodyLimitFor(method, path);
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"] === undefined) return false; // no body at all
    refuse(req, res, 411, "send the body with a Content-Length header (chunked bodies are not accepted)");
    return true;
  }
  const length = Number(declared);
  if (Number.isFinite(length) && length <= limit) return false;
  refuse(req, res, 413, `the request body is larger than ${describeBytes(limit)}; send a smaller body`);
  return true;
}

function refuse(req: IncomingMessage, res: ServerResponse, status: 411 | 413, error: string): void {
  const body = JSON.stringify({ error });
  // No `Connection: close`: Node would close the socket as soon as the answer is written, and bytes
  // still arriving would make the kernel reset the connection, often before the client read the
  // answer. Instead the rest of the body is read and discarded (never held), and the connection is
  // cut only if the upload goes on past REFUSED_LINGER_MS.
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
  const cut = setTimeout(() => req.socket.destroy(), REFUSED_LINGER_MS).unref();
  req.once("end", () => clearTimeout(cut));
  req.resume();
}
