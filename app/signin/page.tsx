// Sign in: an emailed magic link, or GitHub when the site has its keys.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { githubSignInEnabled } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { currentUser } from "@/lib/auth/session";
import { siteOrigin } from "@/lib/site-origin";
import { signInWithGitHub } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === "string" ? params.callbackUrl : "/", siteOrigin());
  if (await currentUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to PaperPulse</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Upvote papers, keep a reading list and tag what you read.
        </p>
      </div>
      <SignInForm callbackUrl={callbackUrl} />
      {githubSignInEnabled() && (
        <form action={signInWithGitHub}>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" variant="outline" className="w-full">
            Continue with GitHub
          </Button>
        </form>
      )}
    </div>
  );
}
