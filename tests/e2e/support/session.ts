// Signed-in visitors for HTTP-level tests: an account and a database session, sent as Auth.js's cookie.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Auth.js's session cookie name on plain http (the test server); on https it carries a __Secure- prefix. */
export const SESSION_COOKIE = "authjs.session-token";

export type Visitor = { userId: string; email: string; cookie: string };

export async function signedInVisitor(
  databaseUrl: string,
  email: string,
  role: "USER" | "ADMIN" = "USER",
): Promise<Visitor> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const userId = `u_${randomBytes(8).toString("hex")}`;
    const token = randomBytes(32).toString("hex");
    await client.query(`INSERT INTO app_user (id, email, role) VALUES ($1, $2, $3::"Role")`, [userId, email, role]);
    await client.query(
      `INSERT INTO auth_session (session_token, user_id, expires) VALUES ($1, $2, now() + interval '1 day')`,
      [token, userId],
    );
    return { userId, email, cookie: `${SESSION_COOKIE}=${token}` };
  } finally {
    await client.end();
  }
}
