// Auth.js's error page: says what went wrong and what to do, in words.
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Sign-in problem", robots: { index: false } };

const MESSAGES: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Links work once, for 10 minutes.",
  AccessDenied: "This account may not sign in here.",
  Configuration: "Sign-in is misconfigured on this server. Tell the site's admin.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInErrorPage({ searchParams }: Props) {
  const { error } = await searchParams;
  const message = (typeof error === "string" && MESSAGES[error]) || "Something went wrong while signing you in.";
  return (
    <div className="mx-auto max-w-sm space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Could not sign you in</h1>
      <p>{message}</p>
      <Link href="/signin" className={buttonClass("primary", "md", "inline-block")}>
        Get a new link
      </Link>
    </div>
  );
}
