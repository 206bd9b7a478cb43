// Owns the checks every admin import route runs before reading its body: same origin, signed in, admin.
import "server-only";
import { guardMutation } from "../api/mutation";
import { jsonError } from "../api/responses";
import type { SessionUser } from "../auth/session";
import { refuseUnlessAdmin } from "./access";

export type AdminGuard = { ok: true; user: SessionUser } | { ok: false; response: Response };

/** The role is checked before the body is read, so a non-admin cannot make the server parse a 20 MB upload. */
export async function guardAdminMutation(request: Request): Promise<AdminGuard> {
  const guard = await guardMutation(request, null);
  if (!guard.ok) return guard;
  const refused = refuseUnlessAdmin(guard.user);
  if (refused) return { ok: false, response: jsonError(refused.status, refused.error) };
  return { ok: true, user: guard.user };
}

/** Every answer of these routes is private to one admin. */
export function noStore(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
