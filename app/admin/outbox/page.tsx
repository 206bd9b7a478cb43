// /admin/outbox: the mail written locally when there is no RESEND_API_KEY, newest first (admins only).
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require";
import { env } from "@/lib/env";
import { listOutbox } from "@/lib/mail/outbox";
import { AdminTable, cell } from "../admin-table";
import { NoOutbox } from "./no-outbox";

export const metadata: Metadata = { title: "Outbox · Admin", robots: { index: false } };

const LIMIT = 100;

export default async function AdminOutboxPage() {
  await requireAdminPage("/admin/outbox");
  const configured = Boolean(env().RESEND_API_KEY);
  const messages = configured ? [] : await listOutbox(LIMIT);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Outbox</h1>
      {configured ? (
        <NoOutbox />
      ) : messages.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">The outbox is empty: nothing has been sent yet.</p>
      ) : (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No RESEND_API_KEY: mail is written here instead of being sent. The newest {LIMIT} messages:
          </p>
          <AdminTable caption="Outbox messages, newest first" headers={["Date", "To", "Subject"]}>
            {messages.map((message) => (
              <tr key={message.id}>
                <td className={`${cell} whitespace-nowrap`}>{message.date.slice(0, 19).replace("T", " ")} UTC</td>
                <td className={cell}>{message.to}</td>
                <td className={cell}>
                  <Link href={`/admin/outbox/${message.id}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {message.subject}
                  </Link>
                </td>
              </tr>
            ))}
          </AdminTable>
        </>
      )}
    </div>
  );
}
