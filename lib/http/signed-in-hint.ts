// The signed-in hint: a cookie scripts can read (`pp_signed_in=1`), so a page served from the cache knows
// before it paints whether to show the account link or "Sign in", and whether to ask /api/me/state at all.
// It grants nothing: the state call and every mutation check the session itself. The web server sets it on
// a response to a request with a live session and no hint, and clears it when the session cookie is gone;
// the browser clears it when the state call says signedIn:false; sign-out clears it too.

export const HINT_COOKIE = "pp_signed_in";

/** As long as a session lives (Auth.js: 30 days); a stale hint costs one state call, then is cleared. */
const HINT_MAX_AGE_SECONDS = 30 * 86_400;

export const SET_HINT = `${HINT_COOKIE}=1; Path=/; Max-Age=${HINT_MAX_AGE_SECONDS}; SameSite=Lax`;
export const CLEAR_HINT = `${HINT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;

/**
 * The admin hint (`pp_admin=1`): the browser sets it when /api/me/state says the reader is an admin, so on
 * every later page the header's Admin link shows from the first paint instead of after the call. It grants
 * nothing (every admin page and action checks the session's role on the server) and counts only beside the
 * signed-in hint; the browser clears it when the state call says otherwise, sign-out clears it too.
 */
export const ADMIN_HINT_COOKIE = "pp_admin";
export const SET_ADMIN_HINT = `${ADMIN_HINT_COOKIE}=1; Path=/; Max-Age=${HINT_MAX_AGE_SECONDS}; SameSite=Lax`;
export const CLEAR_ADMIN_HINT = `${ADMIN_HINT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
/** When the session is gone both hints go: a later sign-in by someone else must not inherit the Admin link. */
export const CLEAR_HINTS = [CLEAR_HINT, CLEAR_ADMIN_HINT] as const;

export function hasSignedInHint(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? "").split(";").some((part) => part.trim() === `${HINT_COOKIE}=1`);
}

/** A Set-Cookie value that is one of the hints' (personal to one response: never part of a cached entry). */
export function isHintSetCookie(value: string): boolean {
  return value.startsWith(`${HINT_COOKIE}=`) || value.startsWith(`${ADMIN_HINT_COOKIE}=`);
}
