// Auth.js's session cookie as the page cache must see it: every name Auth.js reads (chunks included),
// the token they carry, and the Cookie header without them.

/**
 * Auth.js reads every cookie whose name starts with its session cookie's name (`authjs.session-token`,
 * `authjs.session-token.0`, ...; `__Secure-` on https) and joins the chunks in order.
 */
const SESSION_COOKIE_NAME = /^(?:__Secure-|__Host-)?authjs\.session-token/;

type Cookie = { name: string; value: string };

function parseCookies(header: string): Cookie[] {
  return header
    .split(";")
    .map((part) => {
      const eq = part.indexOf("=");
      return eq === -1
        ? { name: part.trim(), value: "" }
        : { name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
    })
    .filter((cookie) => cookie.name !== "");
}

/** The chunk order Auth.js uses: the number after the last dot, the unchunked name first. */
function chunkIndex(name: string): number {
  const match = /\.(\d+)$/.exec(name);
  return match ? Number(match[1]) : -1;
}

/** Whether the request carries anything Auth.js would read as a session. */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return parseCookies(cookieHeader ?? "").some((cookie) => SESSION_COOKIE_NAME.test(cookie.name));
}

/** The session tokens the request could stand for: one per prefix variant present, chunks joined. */
export function sessionTokens(cookieHeader: string | undefined): string[] {
  const groups = new Map<string, Cookie[]>();
  for (const cookie of parseCookies(cookieHeader ?? "")) {
    const prefix = SESSION_COOKIE_NAME.exec(cookie.name)?.[0];
    if (!prefix) continue;
    groups.set(prefix, [...(groups.get(prefix) ?? []), cookie]);
  }
  const tokens: string[] = [];
  for (const cookies of groups.values()) {
    const token = [...cookies]
      .sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name))
      .map((cookie) => decodeURIComponentSafe(cookie.value))
      .join("");
    if (token) tokens.push(token);
  }
  return tokens;
}

/** The Cookie header without Auth.js's session cookies (undefined when nothing is left). */
export function withoutSessionCookies(cookieHeader: string | undefined): string | undefined {
  const kept = parseCookies(cookieHeader ?? "").filter((cookie) => !SESSION_COOKIE_NAME.test(cookie.name));
  return kept.length ? kept.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") : undefined;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
