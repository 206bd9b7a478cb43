// A stand-in for the parts of Resend's HTTP API we use (POST /emails, POST /emails/batch), for the real SDK to talk to.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type RecordedRequest = {
  /** 1 for the first request this server saw. */
  n: number;
  /** Date.now() when the body had arrived. */
  receivedAt: number;
  method: string;
  path: string;
  /** Lower-case names, as Node gives them. */
  headers: Record<string, string>;
  body: unknown;
};

type DeliveredEmail = {
  id: string;
  from: string;
  to: string;
  subject: string;
  html?: string;
  text?: string;
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
  /** The request that delivered it. */
  requestN: number;
};

/** What a scripted request does instead of (or on top of) the normal answer. */
export type Scripted =
  | { kind: "rate-limit"; retryAfter: string }
  | { kind: "server-error"; status: number }
  | { kind: "reject-address"; address: string }
  | { kind: "drop"; afterDelivery: boolean };
type Script = (request: RecordedRequest) => Scripted | undefined;

export const rateLimited = (retryAfterSeconds: number): Scripted => ({
  kind: "rate-limit",
  retryAfter: String(retryAfterSeconds),
});
export const serverError = (status = 500): Scripted => ({ kind: "server-error", status });
/** 422 validation_error, as Resend answers, if the request has an email to this address; otherwise answered normally. */
export const rejectAddress = (address: string): Scripted => ({ kind: "reject-address", address });
/** Destroys the socket without answering; afterDelivery: the email was accepted first (the case idempotency keys exist for). */
export const dropConnection = ({ afterDelivery = false } = {}): Scripted => ({ kind: "drop", afterDelivery });

export type FakeResend = {
  url: string;
  requests: RecordedRequest[];
  /** Every email accepted, once: replays of an idempotency key add nothing. */
  delivered: DeliveredEmail[];
  /** Replaces the script consulted for every later request; undefined: answer everything normally. */
  script(fn: Script | undefined): void;
  close(): Promise<void>;
};

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

// Resend's error JSON: { statusCode, name, message }.
const error = (status: number, name: string, message: string): Answer => ({
  status,
  body: { statusCode: status, name, message },
});
const ADDRESS = /^(?:[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>)$/;
const RESEND_BATCH_LIMIT = 100;

export async function start({ apiKey }: { apiKey?: string } = {}): Promise<FakeResend> {
  const requests: RecordedRequest[] = [];
  const delivered: DeliveredEmail[] = [];
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  let script: Script | undefined;

  function deliver(email: Record<string, unknown>, requestN: number): string {
    const id = randomUUID();
    const to = Array.isArray(email.to) ? String(email.to[0]) : String(email.to);
    delivered.push({ ...(email as Omit<DeliveredEmail, "id" | "to" | "requestN">), id, to, requestN });
    return id;
  }

  function validate(emails: Record<string, unknown>[], rejected: string | undefined): Answer | undefined {
    for (const email of emails) {
      const recipients = ([] as unknown[]).concat(email.to ?? []);
      if (recipients.length === 0) return error(422, "missing_required_field", "Missing `to` field.");
      for (const to of recipients) {
        if (typeof to !== "string" || !ADDRESS.test(to) || (rejected && to.toLowerCase() === rejected.toLowerCase())) {
          return error(
            422,
            "validation_error",
            "Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
          );
        }
      }
      if (typeof email.from !== "string" || !ADDRESS.test(email.from))
        return error(422, "validation_error", "Invalid `from` field.");
      if (typeof email.subject !== "string") return error(422, "missing_required_field", "Missing `subject` field.");
    }
    return undefined;
  }

  function handle(request: RecordedRequest, scripted: Scripted | undefined): Answer {
    const auth = request.headers.authorization;
    if (!auth?.startsWith("Bearer "))
      return error(401, "missing_api_key", "Missing API key in the authorization header.");
    if (apiKey && auth !== `Bearer ${apiKey}`) return error(403, "invalid_api_key", "API key is invalid.");
    if (scripted?.kind === "rate-limit") {
      return {
        ...error(429, "rate_limit_exceeded", "Too many requests. You can only make 5 requests per second."),
        headers: { "retry-after": scripted.retryAfter },
      };
    }
    if (scripted?.kind === "server-error")
      return error(scripted.status, "internal_server_error", "An unexpected error occurred.");

    // Like Resend: the same key with the same body answers as the first time and sends nothing;
    // the same key with another body is refused. Only accepted requests are remembered.
    const key = request.headers["idempotency-key"];
    const fingerprint = createHash("sha256")
      .update(`${request.path}\n${JSON.stringify(request.body)}`)
      .digest("hex");
    const earlier = key ? idempotent.get(key) : undefined;
    if (earlier) {
      return earlier.fingerprint === fingerprint
        ? earlier.answer
        : error(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
    }

    const rejected = scripted?.kind === "reject-address" ? scripted.address : undefined;
    let answer: Answer;
    if (request.method === "POST" && request.path === "/emails") {
      const email = request.body as Record<string, unknown>;
      answer = validate([email], rejected) ?? { status: 200, body: { id: deliver(email, request.n) } };
    } else if (request.method === "POST" && request.path === "/emails/batch") {
      const emails = request.body as Record<string, unknown>[];
      if (!Array.isArray(emails) || emails.length === 0 || emails.length > RESEND_BATCH_LIMIT) {
        answer = error(422, "validation_error", `A batch holds 1 to ${RESEND_BATCH_LIMIT} emails.`);
      } else {
        // Strict batch validation, Resend's default: one bad email rejects the whole batch.
        answer = validate(emails, rejected) ?? {
          status: 200,
          body: { data: emails.map((email) => ({ id: deliver(email, request.n) })) },
        };
      }
    } else {
      answer = error(404, "not_found", `No route ${request.method} ${request.path} in the fake Resend.`);
    }
    if (key && answer.status < 300) idempotent.set(key, { fingerprint, answer });
    return answer;
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(", ") : String(value),
      ]),
    );
    const request: RecordedRequest = {
      n: requests.length + 1,
      receivedAt: Date.now(),
      method: req.method ?? "GET",
      path: new URL(req.url ?? "/", "http://fake").pathname,
      headers,
      body: raw ? JSON.parse(raw) : undefined,
    };
    requests.push(request);

    const scripted = script?.(request);
    if (scripted?.kind === "drop") {
      if (scripted.afterDelivery) handle(request, undefined);
      req.socket.destroy();
      return;
    }
    const answer = handle(request, scripted);
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((failure: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          statusCode: 500,
          name: "internal_server_error",
          message: `fake Resend failed: ${String(failure)}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    script(fn) {
      script = fn;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
