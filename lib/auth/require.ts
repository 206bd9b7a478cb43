// Page guards: signed-out visitors go to sign-in and come back; signed-in non-admins get a 403 page.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import { checkAdmin } from "./admin-check";
import { currentUser, type SessionUser } from "./session";

export async function requireUserPage(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireAdminPage(returnTo: string): Promise<SessionUser> {
  const user = await requireUserPage(returnTo);
  if (!checkAdmin(user).ok) forbidden();
  return user;
}
