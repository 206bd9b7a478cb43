// Who is an admin: granted by ADMIN_EMAILS at sign-in or by `npm run admin`, never by a user-editable field.
import "server-only";
import { db } from "../db/prisma";
import { env } from "../env";

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Called at every sign-in: people listed in ADMIN_EMAILS become admins, once their address is proven.
 * Proven means the account's email_verified is set, which Auth.js does when a magic link is used (before
 * it fires the sign-in event). An OAuth sign-in alone never sets it: GitHub hands over whatever address
 * the GitHub account names, so a GitHub sign-in does not promote until the person has also signed in
 * once with a magic link to that address.
 */
export async function promoteConfiguredAdmin(
  email: string | null | undefined,
  adminEmails = env().ADMIN_EMAILS,
): Promise<void> {
  if (!email || !adminEmails.includes(normalizeEmail(email))) return;
  await db().user.updateMany({
    where: { email: normalizeEmail(email), role: "USER", emailVerified: { not: null } },
    data: { role: "ADMIN" },
  });
}

export type RoleChange = { ok: true; email: string; created: boolean } | { ok: false; error: string };

/** Makes EMAIL an admin; the account is created if the person has never signed in. */
export async function grantAdmin(email: string): Promise<RoleChange> {
  const address = normalizeEmail(email);
  const existing = await db().user.findUnique({ where: { email: address }, select: { id: true } });
  await db().user.upsert({
    where: { email: address },
    update: { role: "ADMIN" },
    create: { email: address, role: "ADMIN" },
  });
  return { ok: true, email: address, created: !existing };
}

export async function revokeAdmin(email: string): Promise<RoleChange> {
  const address = normalizeEmail(email);
  const { count } = await db().user.updateMany({ where: { email: address }, data: { role: "USER" } });
  if (count === 0) return { ok: false, error: `No account for ${address}.` };
  return { ok: true, email: address, created: false };
}

export async function listAdmins(): Promise<string[]> {
  const admins = await db().user.findMany({
    where: { role: "ADMIN" },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return admins.map((admin) => admin.email);
}
