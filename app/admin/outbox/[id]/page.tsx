// /admin/outbox/:id: one outbox message, its headers, text part, and HTML part inside a sandboxed frame (admins only).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/require";
import { env } from "@/lib/env";
import { readOutboxMessage } from "@/lib/mail/outbox";
import { NoOutbox } from "../no-outbox";

export const metadata: Metadata = { title: "Outbox message · Admin", robots: { index: false } };

const label = "pr-4 align-top font-medium text-zinc-600 dark:text-zinc-400";

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The session check comes before the lookup: a signed-out visitor learns nothing, not even which ids exist.
  await requireAdminPage(`/admin/outbox/${encodeURIComponent(id)}`);
  if (env().RESEND_API_KEY) return <NoOutbox />;
  const message = await readOutboxMessage(id);
  if (!message) notFound();

  const headers: [string, string][] = [
    ["Date", message.date],
    ["From", message.from],
    ["To", message.to],
    ["Subject", message.subject],
    ...Object.entries(message.headers),
    ...(message.idempotencyKey ? [["Idempotency-Key", message.idempotencyKey] as [string, string]] : []),
    ...(message.tags ?? []).map(({ name, value }) => [`Tag ${name}`, value] as [string, string]),
  ];

  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin/outbox" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
          ← Outbox
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words">{message.subject}</h1>
      </div>

      <section aria-labelledby="headers-heading">
        <h2 id="headers-heading" className="text-lg font-semibold">
          Headers
        </h2>
        <table className="mt-2 text-sm">
          <tbody>
            {headers.map(([name, value]) => (
              <tr key={name}>
                <th scope="row" className={label}>
                  {name}
                </th>
                <td className="break-all">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="html-heading">
        <h2 id="html-heading" className="text-lg font-semibold">
          HTML part
        </h2>
        {/* sandbox="" : no scripts, no forms, no same-origin access to our cookies or pages; the email renders as inert markup. */}
        <iframe
          sandbox=""
          srcDoc={message.html}
          title={`HTML part of "${message.subject}"`}
          className="mt-2 h-[36rem] w-full rounded-md border border-zinc-300 bg-white dark:border-zinc-700"
        />
      </section>

      <section aria-labelledby="text-heading">
        <h2 id="text-heading" className="text-lg font-semibold">
          Text part
        </h2>
        <pre className="mt-2 overflow-x-auto rounded-md bg-zinc-100 p-3 text-sm whitespace-pre-wrap break-words dark:bg-zinc-900">
          {message.text}
        </pre>
      </section>
    </div>
  );
}
