// /admin: the admin sections (admins only, checked here on the server).
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

export default async function AdminPage() {
  const admin = await requireAdminPage("/admin");
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Signed in as {admin.email}.</p>
      <p>Import digests from the command line with <code>npm run import -- FILE</code>; re-tag the catalogue with <code>npm run tags -- retag</code>.</p>
    </div>
  );
}
