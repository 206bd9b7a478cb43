"use server";
// The sign-in form's action: validate, throttle, then let Auth.js mail the link.
import { AuthError } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { actionFailure } from "@/lib/actions/result";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { CHECK_EMAIL_PATH, SENT_TO_COOKIE, signInInput } from "@/lib/auth/sign-in-input";
import { clientAddress } from "@/lib/throttle/client-address";
import { throttleSignIn } from "@/lib/throttle/sign-in";
import { siteOrigin } from "@/lib/site-origin";

const FAILED =
  "We could not send the sign-in email. Try again in a minute; if it keeps failing, tell the site's admin.";

export const requestSignInLink = defineAction({
  auth: "none",
  fields: (form) => ({ email: String(form.get("email") ?? ""), callbackUrl: form.get("callbackUrl")?.toString() }),
  input: signInInput,
  values: ({ email }) => ({ email: email.slice(0, 254) }),
  failed: FAILED,
  run: async ({ email, callbackUrl }) => {
    const throttle = await throttleSignIn(email, clientAddress(await headers()));
    if (!throttle.ok) return actionFailure(throttle.message);
    let next: string;
    try {
      // redirect: false returns Auth.js's next URL instead of navigating to its /api/auth/verify-request
      // hop; the page to show is ours either way.
      next = await signIn("email", { email, redirectTo: safeCallbackPath(callbackUrl, siteOrigin()), redirect: false });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      console.error("sign-in link failed:", error);
      return actionFailure(FAILED);
    }
    if (new URL(next, "http://x").searchParams.has("error")) return actionFailure(FAILED);
    // Which address the link went to, for the next page only: a cookie rather than the URL, so the address stays out of logs and history.
    (await cookies()).set(SENT_TO_COOKIE, email, {
      httpOnly: true,
      sameSite: "lax",
      path: CHECK_EMAIL_PATH,
      maxAge: 600,
      secure: siteOrigin().startsWith("https:"),
    });
    redirect(CHECK_EMAIL_PATH);
  },
});

export async function signInWithGitHub(form: FormData): Promise<void> {
  await signIn("github", { redirectTo: safeCallbackPath(form.get("callbackUrl"), siteOrigin()) });
}
