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

export function hasSignedInHint(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? "").split(";").some((part) => part.trim() === `${HINT_COOKIE}=1`);
}

/** A Set-Cookie value that is the hint's (personal to one response: never part of a cached entry). */
export function isHintSetCookie(value: string): boolean {
  return value.startsWith(`${HINT_COOKIE}=`);
}
