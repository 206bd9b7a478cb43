// Cross-site request forgery guard for every mutation route: the browser's Origin must be this site.
import { configuredSiteUrl } from "../site-origin";

/** Anything with `get(name)`: a Request's Headers, or `await headers()` from next/headers. */
type HeaderSource = { get(name: string): string | null };

/**
 * Browsers send Origin on every POST/DELETE (and Sec-Fetch-Site on modern ones), so a form or
 * fetch from another site is recognisable. Requests with neither come from non-browser clients,
 * which cannot ride a visitor's cookies, so they are let through to the session check.
 */
export function isSameOrigin(headers: HeaderSource): boolean {
  const origin = headers.get("origin");
  if (origin === null || origin === "") {
    const site = headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none";
  }
  if (origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const configured = configuredSiteUrl();
  if (configured && new URL(configured).host === originHost) return true;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  return host !== undefined && host === originHost;
}
