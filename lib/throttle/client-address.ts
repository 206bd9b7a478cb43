// The key per-client throttles count under.

/**
 * The client's address. The web server (lib/http/forwarded.ts) replaces X-Forwarded-For on every request
 * with the one address it trusts (the socket's, or the right-most trusted hop's with TRUST_PROXY), so a
 * client cannot choose its own throttle key by sending the header.
 */
export function clientAddress(headers: { get(name: string): string | null }): string {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || "unknown";
}
