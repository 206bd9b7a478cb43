// The site's absolute origin for Open Graph and BibTeX links: configuration only (lib/site-origin.ts).
import { siteOrigin } from "@/lib/site-origin";

/** `https://example.org` (no trailing slash). */
export async function siteUrl(): Promise<string> {
  return siteOrigin();
}
