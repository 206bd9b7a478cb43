"use server";
// Sign out (a POST: a link could be triggered by any page that embeds it).
import { signOut } from "@/lib/auth/auth";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
