// Is this session token a signed-in person? Asked by the page cache for requests that carry a session
// cookie: only a live session (a row in auth_session that has not expired) makes a page personal.
import { LRUCache } from "lru-cache";
import pg from "pg";

export type LiveSessionCheck = { isLive(token: string): Promise<boolean>; close(): Promise<void> };

/** A few seconds: a session that just ended is rendered for its owner a little longer, which is harmless. */
const REMEMBER_MS = 5_000;
/** Session tokens are 64 hex characters (Auth.js) or similar; anything far longer is not one. */
const MAX_TOKEN_LENGTH = 512;

export function createLiveSessionCheck(databaseUrl: string): LiveSessionCheck {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 2_000,
  });
  // An idle connection the server drops must not crash the web process.
  pool.on("error", () => undefined);
  const remembered = new LRUCache<string, boolean>({ max: 10_000, ttl: REMEMBER_MS });
  let closed: Promise<void> | undefined;
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
    close() {
      // Servers may be closed twice (tests do); the pool only once.
      return (closed ??= pool.end());
    },
  };
}
