"use server";
// The sign-in form's action: validate, throttle, then let Auth.js mail the link.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { signInInput } from "@/lib/auth/sign-in-input";
import { clientAddress, throttleSignIn } from "@/lib/auth/throttle";
import { siteUrl } from "../_lib/site-url";

export type SignInState = { error?: string; email?: string };

export async function requestSignInLink(_previous: SignInState, form: FormData): Promise<SignInState> {
  const parsed = signInInput.safeParse({ email: form.get("email") ?? "", callbackUrl: form.get("callbackUrl") ?? undefined });
  const typed = String(form.get("email") ?? "").slice(0, 254);
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email: typed };
  const { email, callbackUrl } = parsed.data;

  const throttle = await throttleSignIn(email, clientAddress(await headers()));
  if (!throttle.ok) return { error: throttle.message, email };

  const failed = { error: "We could not send the sign-in email. Try again in a minute; if it keeps failing, tell the site's admin.", email };
  let next: string;
  try {
    // redirect: false returns Auth.js's next URL instead of navigating to its /api/auth/verify-request
    // hop; the page to show is ours either way.
    next = await signIn("email", { email, redirectTo: safeCallbackPath(callbackUrl, await siteUrl()), redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      console.error("sign-in link failed:", error);
      return failed;
    }
    throw error;
  }
  if (new URL(next, "http://x").searchParams.has("error")) return failed;
  redirect("/signin/check-email");
}

export async function signInWithGitHub(form: FormData): Promise<void> {
  await signIn("github", { redirectTo: safeCallbackPath(form.get("callbackUrl"), await siteUrl()) });
}
