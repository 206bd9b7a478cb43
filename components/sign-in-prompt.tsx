// "Sign in to …" in place of a form a signed-out visitor cannot use (save a search, follow an author); sign-in comes back here.
import Link from "next/link";

/** The sign-in page, coming back to `returnTo` afterwards. */
export function signInHref(returnTo: string): string {
  return `/signin?callbackUrl=${encodeURIComponent(returnTo)}`;
}

/** `to` finishes the sentence "Sign in …": "to save this search…". */
export function SignInPrompt({ returnTo, to }: { returnTo: string; to: string }) {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      <Link href={signInHref(returnTo)} className="text-sky-700 underline dark:text-sky-400">
        Sign in
      </Link>{" "}
      {to}
    </p>
  );
}
