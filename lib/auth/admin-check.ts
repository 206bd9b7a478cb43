// The one rule for "may this person use admin features?", asked by admin pages (lib/auth/require.ts),
// admin routes (lib/api/with-user.ts withAdmin), server actions (lib/actions/define-action.ts) and every
// admin lib function (the importer, the test digest) before it touches anything.
import type { SessionUser } from "./session";

type AdminRefusal = { ok: false; status: 401 | 403; error: string };
type AdminCheck = { ok: true; user: SessionUser } | AdminRefusal;

/** The role comes from the session (granted by ADMIN_EMAILS or `npm run admin`), never from the request. */
export function checkAdmin(user: SessionUser | null, can = "do this"): AdminCheck {
  if (!user) return { ok: false, status: 401, error: "sign in first: /signin" };
  if (user.role !== "ADMIN") return { ok: false, status: 403, error: `only admins can ${can}` };
  return { ok: true, user };
}
