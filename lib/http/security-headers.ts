// The security headers of every response (pages, API, feeds, static files), set by the web server before
// Next or the page cache answer.
//
// Scripts: Next's pages carry inline scripts (the React payload), so a policy that forbids injected
// inline script needs a nonce. The nonce is made per render and handed to Next through the request's
// Content-Security-Policy header (Next puts it on every script it emits). A page the cache keeps is
// replayed with the header it was rendered with, nonce included: the nonce then names one version of
// one page, rendered before anyone could read it, and any change to that page's data renders it anew
// with a new nonce. Hashes cannot work (the inline scripts differ per page) and 'unsafe-inline' would
// allow exactly the injected script the policy is for.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export type SecurityHeaderOptions = {
  /** SITE_URL is https: HSTS, and the policy upgrades stray http subresources. */
  https: boolean;
  /** GitHub sign-in is configured: its form posts end in a redirect to github.com. */
  githubSignIn: boolean;
};

export function contentSecurityPolicy(nonce: string, options: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // React renders style attributes and Next inlines critical CSS; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${options.githubSignIn ? " https://github.com" : ""}`,
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

const FIXED_HEADERS: Record<string, string> = {
  // frame-ancestors is the modern form; X-Frame-Options covers browsers that predate it.
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  "cross-origin-opener-policy": "same-origin",
};

/**
 * Sets the headers on `res` and gives Next this render's nonce through `req`. Any policy the client sent
 * is replaced: a request header must not choose the nonce.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: SecurityHeaderOptions): void {
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy(nonce, options);
  delete req.headers["content-security-policy-report-only"];
  req.headers["content-security-policy"] = policy;
  res.setHeader("content-security-policy", policy);
  for (const [name, value] of Object.entries(FIXED_HEADERS)) res.setHeader(name, value);
  if (options.https) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
}
