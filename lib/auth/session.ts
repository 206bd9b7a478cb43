// The signed-in person, as every action, route and page checks it on the server.
import "server-only";
import type { NextApiRequest, NextApiResponse } from "next";
import type { Session } from "next-auth";
import { cache } from "react";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string; name: string | null; role: "USER" | "ADMIN" };

function toSessionUser(session: Session | null): SessionUser | null {
  const user = session?.user as (Partial<SessionUser> & { email?: string | null }) | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, role: user.role === "ADMIN" ? "ADMIN" : "USER" };
}

/** Pages and server actions: once per request, since the layout's header and the page both ask. */
export const currentUser = cache(async (): Promise<SessionUser | null> => toSessionUser(await auth()));

/**
 * Route handlers: the session named by the request's own cookie. Auth.js's request form of auth() reads
 * only the headers it is given, not next/headers, so a route wrapper works wherever a Request exists
 * (the integration tests drive them with plain Requests). It is typed for the Pages Router's req/res;
 * only `headers` of each is used. Cookies Auth.js would set (a refreshed expiry) are dropped, as with
 * auth() in a page.
 */
export async function userFromRequest(request: Request): Promise<SessionUser | null> {
  const req = { headers: request.headers } as unknown as NextApiRequest;
  const res = { headers: new Headers() } as unknown as NextApiResponse;
  return toSessionUser(await auth(req, res));
}
