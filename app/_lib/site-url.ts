// The site's absolute origin for Open Graph and BibTeX links: SITE_URL when set, else the request's host.
import { headers } from "next/headers";

/** `https://example.org` (no trailing slash). A malformed SITE_URL fails loudly instead of publishing bad links. */
export async function siteUrl(): Promise<string> {
  const configured = process.env.SITE_URL?.trim();
  if (configured) {
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
  const requestHeaders = await headers();
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  if (!host) return "http://localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${protocol}://${host}`;
}
