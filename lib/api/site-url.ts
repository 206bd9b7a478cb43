// SITE_URL parsed and normalised, and absolute paper URLs. The origin every link uses is
// lib/site-origin.ts (configuration only, never a request header).

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

/** Anything with `get(name)`: a Request's Headers, or `await headers()` from next/headers. */
export type HeaderSource = { get(name: string): string | null };

/** The absolute URL of a paper's page. */
export function paperUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/papers/${encodeURIComponent(slug)}`;
}
