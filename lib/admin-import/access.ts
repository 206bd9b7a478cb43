// Owns who may use the web importer: signed-in admins only, checked by every lib function itself.
import type { SessionUser } from "../auth/session";

export type Refusal = { ok: false; status: number; error: string };

export function refuseUnlessAdmin(user: SessionUser | null): Refusal | null {
  if (!user) return { ok: false, status: 401, error: "sign in first: /signin" };
  if (user.role !== "ADMIN") return { ok: false, status: 403, error: "only admins can import digests" };
  return null;
}

/** What ImportRun.imported_by says for an import from the web page. */
export function importedByFor(user: SessionUser): string {
  return `user:${user.email}`;
}
