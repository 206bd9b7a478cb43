// HTTP as an attacker sends it: any Host / X-Forwarded-* header, bodies far larger than the server should read,
// Auth.js's magic-link POST with its CSRF cookie, and the links an email in the outbox carries.
import http from "node:http";
import { findLatestOutboxMessage, type OutboxMessage } from "../../../lib/mail/outbox";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type RawRequest = { method?: string; headers?: Record<string, string>; body?: string | Buffer };

/** One request on a new connection (node:http sends no header we did not ask for, and lets us set Host). */
export function request(
  baseUrl: string,
  path: string,
  { method = "GET", headers = {}, body }: RawRequest = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${baseUrl}${path}`, { method, agent: false, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** `name=value` pairs of a response's Set-Cookie headers, ready for a Cookie header. */
export function cookiesOf(response: RawResponse): string {
  return (response.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";", 1)[0]).join("; ");
}

export type LargeBodyAnswer = RawResponse & {
  bytesSent: number;
  /** Set when the connection was cut before any answer (status 0). */ reset?: string;
};

/**
 * Sends `totalBytes` of body (with a Content-Length, or chunked without one). The headers go first; a server
 * that refuses on them answers within `earlyAnswerMs`, and then no body byte is sent (as curl waits after
 * `Expect: 100-continue`). Otherwise the body streams until done or until the server answers. A server that
 * refuses mid-upload may cut the connection (EPIPE, ECONNRESET): the answer is whatever arrived, or status 0
 * with `reset` when nothing did.
 */
export function sendLargeBody(
  baseUrl: string,
  path: string,
  {
    method = "POST",
    headers = {},
    totalBytes,
    chunked = false,
    earlyAnswerMs = 1_000,
  }: {
    method?: string;
    headers?: Record<string, string>;
    totalBytes: number;
    chunked?: boolean;
    earlyAnswerMs?: number;
  },
): Promise<LargeBodyAnswer> {
  return new Promise((resolve) => {
    let responded = false;
    let settled = false;
    let bytesSent = 0;
    let failure: Error | null = null;
    const settle = (answer: LargeBodyAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const outgoing = http.request(
      `${baseUrl}${path}`,
      { method, agent: false, headers: chunked ? headers : { ...headers, "content-length": String(totalBytes) } },
      (response) => {
        responded = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        const finish = () =>
          settle({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            bytesSent,
          });
        response.on("end", finish);
        // The server may reset the connection while we still upload: what arrived is the answer.
        response.on("error", finish);
        response.on("aborted", finish);
        response.on("close", finish);
      },
    );
    outgoing.on("error", (error) => {
      failure = error;
      // Without an answer yet, give it a moment: the answer may be in flight when the reset is seen.
      setTimeout(() => {
        if (!responded) settle({ status: 0, headers: {}, body: "", bytesSent, reset: error.message });
      }, 2_000);
    });
    outgoing.flushHeaders();
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = async () => {
      const deadline = Date.now() + earlyAnswerMs;
      while (!responded && !failure && Date.now() < deadline) await new Promise((next) => setTimeout(next, 20));
      while (bytesSent < totalBytes && !responded && !failure) {
        const piece = totalBytes - bytesSent >= chunk.length ? chunk : chunk.subarray(0, totalBytes - bytesSent);
        bytesSent += piece.length;
        const flowing = outgoing.write(piece);
        // Let the answer (if any) be read between chunks.
        await new Promise<void>((next) => {
          if (flowing) return setImmediate(next);
          const done = () => {
            outgoing.off("drain", done);
            outgoing.off("close", done);
            next();
          };
          outgoing.once("drain", done);
          outgoing.once("close", done);
        });
      }
      if (!failure && !outgoing.destroyed) outgoing.end();
    };
    void pump();
  });
}

/**
 * POST /api/auth/signin/email as a script would (no browser): the CSRF token and cookie from
 * /api/auth/csrf, then the form fields. `headers` go on the POST only.
 */
export async function postSignInEmail(
  baseUrl: string,
  email: string,
  { headers = {}, callbackUrl = "/" }: { headers?: Record<string, string>; callbackUrl?: string } = {},
): Promise<RawResponse> {
  const csrf = await request(baseUrl, "/api/auth/csrf");
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}: ${csrf.body.slice(0, 200)}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const body = new URLSearchParams({ email, csrfToken, callbackUrl }).toString();
  return request(baseUrl, "/api/auth/signin/email", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf), ...headers },
    body,
  });
}

/** Auth.js answers a magic-link request it accepted with a redirect to the check-your-inbox page (not to an error page). */
export function signInAccepted(response: RawResponse): boolean {
  const location = String(response.headers.location ?? "");
  return response.status < 400 && !/[?&]error=/.test(location);
}

/** The newest outbox message to `to`, waiting briefly for it (mail is written just after the answer). */
export async function waitForMail(outboxDir: string, to: string, timeoutMs = 5_000): Promise<OutboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await findLatestOutboxMessage({ to }, { outboxDir });
    if (message) return message;
    if (Date.now() > deadline) throw new Error(`no email to ${to} in ${outboxDir}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every http(s) URL in the message: both bodies and every header (List-Unsubscribe). */
export function linksIn(message: OutboxMessage): string[] {
  const everything = [
    message.text,
    message.html.replaceAll("&amp;", "&"),
    ...Object.values(message.headers ?? {}),
  ].join("\n");
  return [...everything.matchAll(/https?:\/\/[^\s"'<>()[\]]+/g)]
    .map((match) => match[0].replace(/[.,;:]+$/, ""))
    .filter((link) => URL.canParse(link));
}

/** A path of this app that an email links to (the callback, confirm, unsubscribe, preferences and paper pages). */
export const APP_LINK =
  /\/(?:api\/auth\/callback\/|subscribe\/confirm\/|unsubscribe\/|api\/unsubscribe\/|preferences\/|papers\/)/;
