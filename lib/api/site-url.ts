// The site's absolute origin for links that leave the page (API `url` fields, feed items, Open Graph):
// SITE_URL when set, else the host the request came in on.

/** Anything with `get(name)`: a Request's Headers, or `await headers()` from next/headers. */
export type HeaderSource = { get(name: string): string | null };

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * SITE_URL normalized to `https://example.org` or `https://example.org/base` (no trailing slash), or null
 * when unset. A malformed value throws: publishing feeds with broken links is worse than failing loudly.
 */
export function configuredSiteUrl(value: string | undefined = process.env.SITE_URL): string | null {
  const configured = value?.trim();
  if (!configured) return null;
  let parsed: URL;
  try {
    parsed = new URL(configured);
  } catch {
    throw new Error(`SITE_URL must be an absolute http(s) URL such as https://papers.example.org (got "${configured}")`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`SITE_URL must start with http:// or https:// (got "${configured}")`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

/**
 * The origin a client used, from proxy headers or Host. Header values are checked before use: a forged
 * Host such as `evil.example/<script>` must not end up in a link, so anything unexpected falls back.
 */
export function siteUrlFromHeaders(headers: HeaderSource, fallback = "http://localhost:3000"): string {
  const configured = configuredSiteUrl();
  if (configured) return configured;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  if (!host || !HOST.test(host)) return fallback;
  const forwardedProto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const fallbackProto = fallback.startsWith("https:") ? "https" : "http";
  const protocol = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : fallbackProto;
  return `${protocol}://${host}`;
}

/** For route handlers: the headers first, then the request URL's own origin. */
export function siteUrlForRequest(request: Request): string {
  return siteUrlFromHeaders(request.headers, new URL(request.url).origin);
}

/** The absolute URL of a paper's page. */
export function paperUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/papers/${encodeURIComponent(slug)}`;
}
