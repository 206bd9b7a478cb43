// The site's absolute origin for Open Graph and BibTeX links: SITE_URL when set, else the
// request's (validated) host. The logic lives in lib/api/site-url.ts, shared with the API and feeds.
import { headers } from "next/headers";
import { siteUrlFromHeaders } from "@/lib/api/site-url";

/** `https://example.org` (no trailing slash). */
export async function siteUrl(): Promise<string> {
  return siteUrlFromHeaders(await headers());
}
