// Owns who may use the web importer: the admin rule (lib/auth/admin-check.ts) in the importer's words,
// checked by every lib function itself and, before a body is read, by the routes (withAdmin).
import { checkAdmin } from "../auth/admin-check";
import type { SessionUser } from "../auth/session";

export type Refusal = { ok: false; status: number; error: string };

/** What a non-admin is told they cannot do: "only admins can import digests". */
export const IMPORT_DIGESTS = "import digests";

export function refuseUnlessAdmin(user: SessionUser | null): Refusal | null {
  const check = checkAdmin(user, IMPORT_DIGESTS);
  return check.ok ? null : check;
}

/** What ImportRun.imported_by says for an import from the web page. */
export function importedByFor(user: SessionUser): string {
  return `user:${user.email}`;
}
