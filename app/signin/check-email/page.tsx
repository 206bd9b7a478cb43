// Where Auth.js sends people after mailing the link.
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-sm space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Check your email</h1>
      <p>We sent you a sign-in link. It works once and expires in 10 minutes.</p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No email? Look in your spam folder, or <a href="/signin" className="text-sky-700 underline dark:text-sky-400">ask for a new link</a>. On a
        machine without mail set up, the link is in the server console and in <code>.data/outbox/</code>.
      </p>
    </div>
  );
}
