// The signed-in person, as every action, route and page checks it on the server.
import "server-only";
import { cache } from "react";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string; name: string | null; role: "USER" | "ADMIN" };

/** Once per request: the layout's header and the page both ask, and each ask would read the session row. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const user = session?.user as (Partial<SessionUser> & { email?: string | null }) | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role === "ADMIN" ? "ADMIN" : "USER" };
});

export function isAdmin(user: SessionUser | null): user is SessionUser {
  return user?.role === "ADMIN";
}
