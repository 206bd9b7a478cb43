// Is this session token a signed-in person? Asked by the page cache for requests that carry a session
// cookie and no signed-in hint: a live session (a row in auth_session that has not expired) gets the hint.
import { LRUCache } from "lru-cache";
import type { Queryable } from "../db/queryable";

export type LiveSessionCheck = { isLive(token: string): Promise<boolean> };

/** A few seconds: a session that just ended may get the hint a little longer, which is harmless. */
const REMEMBER_MS = 5_000;
/** Session tokens are 64 hex characters (Auth.js) or similar; anything far longer is not one. */
const MAX_TOKEN_LENGTH = 512;

export function createLiveSessionCheck(pool: Queryable): LiveSessionCheck {
  const remembered = new LRUCache<string, boolean>({ max: 10_000, ttl: REMEMBER_MS });
  return {
    async isLive(token) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return false;
      const known = remembered.get(token);
      if (known !== undefined) return known;
      const { rows } = await pool.query<{ live: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM auth_session WHERE session_token = $1 AND expires > now()) AS live",
        [token],
      );
      const live = rows[0]?.live === true;
      remembered.set(token, live);
      return live;
    },
  };
}
