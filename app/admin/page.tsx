// /admin: the admin sections (admins only, checked here on the server).
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require";
import { FetchStatus } from "./_components/fetch-status";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

const SECTIONS = [
  {
    href: "/admin/imports",
    title: "Imports",
    about: "Upload digests (text or Hugging Face JSON), preview and import them; the history of every import.",
  },
  {
    href: "/admin/mail",
    title: "Mail",
    about: "Subscribers by status, recent digest sends, failures, and a test digest to yourself.",
  },
  { href: "/admin/outbox", title: "Outbox", about: "The mail written locally when no RESEND_API_KEY is set." },
];

export default async function AdminPage() {
  const admin = await requireAdminPage("/admin");
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Signed in as {admin.email}.</p>
      </div>
      <ul className="space-y-3">
        {SECTIONS.map((section) => (
          <li key={section.href}>
            <Link href={section.href} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {section.title}
            </Link>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{section.about}</p>
          </li>
        ))}
      </ul>
      <FetchStatus />
    </div>
  );
}
