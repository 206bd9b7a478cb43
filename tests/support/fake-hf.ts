// A stand-in for Hugging Face's GET /api/daily_papers (date, limit, p), with ETag / Last-Modified, and scripted bad answers.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type HfRequest = {
  n: number;
  path: string;
  query: Record<string, string>;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string>;
};

/** What a scripted request gets instead of the normal answer. */
export type HfScripted =
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "reset" }
  /** Declares the whole page's length, sends part of it, then closes the connection. */
  | { kind: "truncate" }
  | { kind: "redirect"; location: string }
  /** A body of `bytes` bytes (declared up front unless `chunked`). */
  | { kind: "huge"; bytes: number; chunked?: boolean };
export type HfScript = (request: HfRequest) => HfScripted | undefined;

export const rateLimited = (retryAfter: string): HfScripted => ({
  kind: "status",
  status: 429,
  body: '{"error":"Too Many Requests"}',
  headers: { "retry-after": retryAfter },
});
export const serverError = (status = 502): HfScripted => ({
  kind: "status",
  status,
  body: "<html><body>Bad Gateway</body></html>",
  headers: { "content-type": "text/html" },
});
export const htmlPage = (): HfScripted => ({
  kind: "status",
  status: 200,
  body: "<!DOCTYPE html>\n<html><head><title>Hugging Face – maintenance</title></head><body>We'll be right back</body></html>",
  headers: { "content-type": "text/html" },
});
export const jsonBody = (value: unknown, status = 200): HfScripted => ({
  kind: "status",
  status,
  body: JSON.stringify(value),
});

/** How the server lets clients revalidate: like the Hub (ETag), with Last-Modified only, or not at all. */
type Validation = "etag" | "last-modified" | "none";

export type FakeHf = {
  url: string;
  requests: HfRequest[];
  /** Answers for `/api/daily_papers?date=day`; a day with no entries set answers 404, as the Hub does. */
  setDay(day: string, entries: unknown[]): void;
  script(fn: HfScript | undefined): void;
  validation(mode: Validation): void;
  close(): Promise<void>;
};

/** A recorded fixture's entries, as the API sent them. */
export function fixtureEntries(name: string): unknown[] {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as unknown[];
}

// One fixed Last-Modified per version of a day's content.
const BASE_TIME = Date.parse("2025-05-02T09:00:00Z");

export async function startFakeHf(): Promise<FakeHf> {
  const requests: HfRequest[] = [];
  const days = new Map<string, { entries: unknown[]; version: number }>();
  let script: HfScript | undefined;
  let mode: Validation = "etag";

  function answerPage(req: IncomingMessage, res: ServerResponse, request: HfRequest) {
    const day = days.get(request.query.date ?? "");
    if (request.path !== "/api/daily_papers" || !day) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "Not Found" }));
      return;
    }
    const limit = Math.min(100, Number(request.query.limit ?? 50));
    const page = Number(request.query.p ?? 0);
    const body = JSON.stringify(day.entries.slice(page * limit, (page + 1) * limit));
    const etag = `W/"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
    const lastModified = new Date(BASE_TIME + day.version * 60_000).toUTCString();
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    if (mode === "etag") headers.etag = etag;
    if (mode === "last-modified") headers["last-modified"] = lastModified;
    const unchanged =
      (mode === "etag" && req.headers["if-none-match"] === etag) ||
      (mode === "last-modified" &&
        req.headers["if-modified-since"] !== undefined &&
        Date.parse(req.headers["if-modified-since"]) >= Date.parse(lastModified));
    if (unchanged) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
  }

  function answerScripted(req: IncomingMessage, res: ServerResponse, request: HfRequest, scripted: HfScripted) {
    if (scripted.kind === "reset") {
      req.socket.destroy();
    } else if (scripted.kind === "status") {
      res.writeHead(scripted.status, { "content-type": "application/json", ...scripted.headers });
      res.end(scripted.body ?? "");
    } else if (scripted.kind === "redirect") {
      res.writeHead(302, { location: scripted.location });
      res.end();
    } else if (scripted.kind === "truncate") {
      const body = JSON.stringify(days.get(request.query.date ?? "")?.entries ?? []);
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)), () => req.socket.destroy());
    } else {
      res.writeHead(200, {
        "content-type": "application/json",
        ...(scripted.chunked ? {} : { "content-length": String(scripted.bytes) }),
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < scripted.bytes) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      pump();
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake-hf");
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(", ") : String(value),
      ]),
    );
    const request: HfRequest = {
      n: requests.length + 1,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
    };
    requests.push(request);
    const scripted = script?.(request);
    if (scripted) answerScripted(req, res, request, scripted);
    else answerPage(req, res, request);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setDay(day, entries) {
      days.set(day, { entries, version: (days.get(day)?.version ?? 0) + 1 });
    },
    script(fn) {
      script = fn;
    },
    validation(next) {
      mode = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
