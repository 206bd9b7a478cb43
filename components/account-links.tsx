"use client";
// The header's account link once /api/me/state has answered: its title names the address signed in.
import Link from "next/link";
import { usePersonalView } from "./personal-state";

export function AccountLink({ className }: { className: string }) {
  const { account } = usePersonalView();
  return (
    <Link href="/me" className={className} title={account?.email}>
      Me
    </Link>
  );
}
