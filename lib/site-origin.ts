// The site's one public origin. Every absolute URL the app makes (magic links, subscriber links,
// List-Unsubscribe, digest emails, feeds, API `url` fields, Open Graph, BibTeX) starts with it, and it
// never comes from a request header: a forged Host or X-Forwarded-Host must not reach a link or an email.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

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
    throw new Error(
      `SITE_URL must be an absolute http(s) URL such as https://papers.example.org (got "${configured}")`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`SITE_URL must start with http:// or https:// (got "${configured}")`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

/** Where `npm start` / `npm run serve` record the origin they serve on, for the CLIs and the worker. */
function recordedOriginFile(dataDir = env().dataDir): string {
  return path.join(dataDir, "site-url");
}

/**
 * SITE_URL; else the origin the local web server recorded when it started (so `npm run digest` links
 * to the app on PORT=3100, not to 3000); else http://localhost:<PORT>.
 */
export function siteOrigin(): string {
  const configured = configuredSiteUrl();
  if (configured) return configured;
  try {
    const recorded = configuredSiteUrl(readFileSync(recordedOriginFile(), "utf8"));
    if (recorded) return recorded;
  } catch {
    // No local server has started with this data dir yet.
  }
  return `http://localhost:${env().PORT}`;
}

/**
 * Called by the web server at start when SITE_URL is unset: the default origin becomes
 * http://localhost:<port> for this process tree (Next, Auth.js) and is written down for the CLIs.
 */
export function adoptLocalOrigin(port: number): string {
  const configured = configuredSiteUrl();
  if (configured) return configured;
  const origin = `http://localhost:${port}`;
  process.env.SITE_URL = origin;
  try {
    mkdirSync(env().dataDir, { recursive: true });
    writeFileSync(recordedOriginFile(), `${origin}\n`);
  } catch {
    // A read-only data dir only costs the CLIs their guess; the server itself knows its origin.
  }
  return origin;
}

/** The origin's scheme decides HSTS and Secure cookies. */
export function siteIsHttps(origin = siteOrigin()): boolean {
  return origin.startsWith("https:");
}

/** The absolute URL of a paper's page. */
export function paperUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/papers/${encodeURIComponent(slug)}`;
}
