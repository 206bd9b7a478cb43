// A signed-in reader for the HTTP benches: an account and a live database session, sent as Auth.js's
// session cookie (as tests/e2e/support/session.ts makes them), removed with everything it did afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Auth.js's session cookie on plain http (the bench server); on https it carries a __Secure- prefix. */
const SESSION_COOKIE = "authjs.session-token";

export type SignedInReader = {
  userId: string;
  /** The Cookie header a signed-in browser sends. */
  cookie: string;
  /** Deletes the account; its session, upvotes, saves and tags go with it (ON DELETE CASCADE). */
  remove(): Promise<void>;
};

export async function createSignedInReader(databaseUrl: string): Promise<SignedInReader> {
  const userId = `bench_${randomBytes(8).toString("hex")}`;
  const token = randomBytes(32).toString("hex");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO app_user (id, email, role) VALUES ($1, $2, 'USER'::"Role")`, [
      userId,
      `${userId}@bench.invalid`,
    ]);
    await client.query(
      `INSERT INTO auth_session (session_token, user_id, expires) VALUES ($1, $2, now() + interval '1 day')`,
      [token, userId],
    );
  } finally {
    await client.end();
  }
  return {
    userId,
    cookie: `${SESSION_COOKIE}=${token}`,
    async remove() {
      const cleanup = new pg.Client({ connectionString: databaseUrl });
      await cleanup.connect();
      await cleanup.query("DELETE FROM app_user WHERE id = $1", [userId]).finally(() => cleanup.end());
    },
  };
}
