// Where a sign-in may send people afterwards: only pages of this site.

/**
 * A same-site path for `callbackUrl`/`redirectTo`: relative paths are kept, absolute URLs only
 * when they point at this site, anything else (other hosts, `//evil`, `javascript:`) becomes "/".
 * The result always starts with exactly one "/".
 */
export function safeCallbackPath(value: unknown, siteOrigin: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  // Backslashes are read as slashes by browsers: "/\evil.com" would leave the site.
  if (value.includes("\\")) return "/";
  let url: URL;
  try {
    url = new URL(value, siteOrigin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(siteOrigin).origin) return "/";
  // The URL parser resolves "/.//evil.example", "/a/..//x" and "/%2e//x" to a path starting "//", which a
  // browser reads as another host: one leading slash, always.
  const path = `${url.pathname}${url.search}${url.hash}`.replace(/^[/\\]+/, "/");
  return path.startsWith("/") ? path : "/";
}
