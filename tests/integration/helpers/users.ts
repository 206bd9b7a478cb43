// People for tests: accounts and signed-in sessions written straight to the database, as Auth.js would.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { SessionUser } from "../../../lib/auth/session";

export async function createUser(pool: pg.Pool, email: string, role: "USER" | "ADMIN" = "USER"): Promise<SessionUser> {
  const id = `u_${randomBytes(8).toString("hex")}`;
  await pool.query(`INSERT INTO app_user (id, email, role) VALUES ($1, $2, $3::"Role")`, [id, email, role]);
  return { id, email, name: null, role };
}

/** A database session for the user; send it as the `authjs.session-token` cookie. */
export async function createSession(pool: pg.Pool, userId: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await pool.query(
    `INSERT INTO auth_session (session_token, user_id, expires) VALUES ($1, $2, now() + interval '1 day')`,
    [token, userId],
  );
  return token;
}
