// What a request may say about itself. Before Next sees a request, the web server pins its Host to the
// configured origin and replaces the forwarding headers with what it can vouch for, so no code behind it
// (Auth.js, pages, throttles) can be steered by a forged Host, X-Forwarded-Host or X-Forwarded-For.
import type { IncomingMessage } from "node:http";

export type ForwardingPolicy = {
  /** The configured origin's host (SITE_URL), the only Host Next ever sees. */
  siteHost: string;
  /** Proxies in front of this server whose X-Forwarded-For / -Proto count (TRUST_PROXY); 0 = none. */
  trustProxy: number;
};

/** Headers that name a host, port or client: dropped, then set again from what the server knows. */
const FORWARDING_HEADERS = [
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-server",
  "forwarded",
  "x-real-ip",
  "x-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
];

/**
 * The client's address: the socket's, or with `trustProxy` hops the address the outermost trusted proxy
 * saw (counting from the right of X-Forwarded-For, the only part our proxies wrote).
 */
export function clientAddressOf(req: IncomingMessage, trustProxy: number): string {
  const socketAddress = normalizeAddress(req.socket.remoteAddress ?? "unknown");
  if (trustProxy <= 0) return socketAddress;
  const chain = headerValue(req.headers["x-forwarded-for"])
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = [...chain, socketAddress];
  const client = hops[hops.length - 1 - trustProxy] ?? hops[0]!;
  return normalizeAddress(client);
}

/** Rewrites `req.headers` in place to the trusted view described above. */
export function applyForwardingPolicy(req: IncomingMessage, policy: ForwardingPolicy): void {
  const client = clientAddressOf(req, policy.trustProxy);
  const proto =
    policy.trustProxy > 0
      ? headerValue(req.headers["x-forwarded-proto"]).split(",").at(-1)?.trim().toLowerCase()
      : undefined;
  for (const name of FORWARDING_HEADERS) delete req.headers[name];
  req.headers.host = policy.siteHost;
  req.headers["x-forwarded-host"] = policy.siteHost;
  req.headers["x-forwarded-for"] = client;
  if (proto === "http" || proto === "https") req.headers["x-forwarded-proto"] = proto;
  else delete req.headers["x-forwarded-proto"];
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are one client; a port or brackets are not part of the address. */
function normalizeAddress(address: string): string {
  let value = address.trim().toLowerCase();
  if (value.startsWith("[")) value = value.slice(1, value.indexOf("]") === -1 ? undefined : value.indexOf("]"));
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.startsWith("::ffff:") && value.includes(".")) value = value.slice("::ffff:".length);
  return value || "unknown";
}
