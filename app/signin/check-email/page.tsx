// Where people land after asking for a sign-in link: which address it went to, and what to do if it does not come.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { SENT_TO_COOKIE, signInInput } from "@/lib/auth/sign-in-input";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default async function CheckEmailPage() {
  // Only an address the form would accept is echoed: the cookie is ours, but a page should not print whatever it is sent.
  const parsed = signInInput.shape.email.safeParse((await cookies()).get(SENT_TO_COOKIE)?.value ?? "");
  const sentTo = parsed.success ? parsed.data : null;
  return (
    <div className="mx-auto max-w-sm space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Check your email</h1>
      {sentTo ? (
        <p data-sent-to>
          We sent a sign-in link to <strong className="break-all">{sentTo}</strong>. It works once and expires in 10
          minutes.
        </p>
      ) : (
        <p>We sent you a sign-in link. It works once and expires in 10 minutes.</p>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {sentTo ? "Wrong address, or no email? " : "No email? "}Look in your spam folder, or{" "}
        <a href="/signin" className="text-sky-700 underline dark:text-sky-400">
          ask for a new link
        </a>
        . On a machine without mail set up, the link is in the server console and in <code>.data/outbox/</code>.
      </p>
    </div>
  );
}
