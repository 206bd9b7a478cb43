"use server";
// Sign out (a POST: a link could be triggered by any page that embeds it).
import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/auth";
import { ADMIN_HINT_COOKIE, HINT_COOKIE } from "@/lib/http/signed-in-hint";

export async function signOutAction(): Promise<void> {
  // The signed-in hint goes with the session: cached pages show "Sign in" again from the first paint.
  const jar = await cookies();
  jar.delete(HINT_COOKIE);
  jar.delete(ADMIN_HINT_COOKIE);
  await signOut({ redirectTo: "/" });
}
