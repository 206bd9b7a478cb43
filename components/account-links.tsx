"use client";
// The header's personal links once /api/me/state has answered: the account link's address, and Admin for admins.
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

export function AdminLink({ className }: { className: string }) {
  const { account } = usePersonalView();
  if (!account?.isAdmin) return null;
  return (
    <li>
      <Link href="/admin" className={className}>
        Admin
      </Link>
    </li>
  );
}
