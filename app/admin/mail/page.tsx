// /admin/mail: subscribers by status, recent digest periods' delivery counts, the latest failures, and a test send (admins only).
import type { Metadata } from "next";
import { recentFailures, recentPeriods, subscriberCounts, SUBSCRIBER_STATUSES } from "@/lib/admin-mail/delivery-stats";
import { requireAdminPage } from "@/lib/auth/require";
import { env } from "@/lib/env";
import { AdminTable, cell } from "../admin-table";
import { TestDigestButton } from "./test-digest-button";

export const metadata: Metadata = { title: "Mail · Admin", robots: { index: false } };

const muted = "text-sm text-zinc-600 dark:text-zinc-400";
const time = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export default async function AdminMailPage() {
  const admin = await requireAdminPage("/admin/mail");
  const [counts, periods, failures] = await Promise.all([subscriberCounts(), recentPeriods(), recentFailures(20)]);
  const { RESEND_API_KEY, RESEND_WEBHOOK_SECRET } = env();

  return (
    <div className="space-y-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Mail</h1>
        <p className={muted}>
          {RESEND_API_KEY ? "Mail goes out through Resend." : "No RESEND_API_KEY: mail is written to the outbox."}{" "}
          {RESEND_WEBHOOK_SECRET
            ? "Bounce and complaint webhooks are on."
            : "Bounce and complaint webhooks are off (set RESEND_WEBHOOK_SECRET)."}
        </p>
      </div>

      <section aria-labelledby="subscribers-heading">
        <h2 id="subscribers-heading" className="text-lg font-semibold">
          Subscribers
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {SUBSCRIBER_STATUSES.map((status) => (
            <div key={status} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
              <dt className={muted}>{status.charAt(0) + status.slice(1).toLowerCase()}</dt>
              <dd className="text-xl font-semibold" data-status={status}>
                {counts[status]}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="periods-heading">
        <h2 id="periods-heading" className="text-lg font-semibold">
          Recent sends
        </h2>
        {periods.length > 0 ? (
          <AdminTable
            caption="Deliveries per digest period, newest first"
            headers={["Period", "Planned", "Sent", "Failed", "Pending", "Skipped"]}
          >
            {periods.map((period) => (
              <tr key={period.period}>
                <td className={`${cell} font-mono`}>{period.period}</td>
                <td className={cell}>{time(period.plannedAt)}</td>
                <td className={cell}>{period.sent}</td>
                <td className={cell}>{period.failed}</td>
                <td className={cell}>{period.pending}</td>
                <td className={cell}>{period.skipped}</td>
              </tr>
            ))}
          </AdminTable>
        ) : (
          <p className={`mt-2 ${muted}`}>
            No digest has been sent yet: the worker (npm run worker) sends them on schedule.
          </p>
        )}
      </section>

      <section aria-labelledby="failures-heading">
        <h2 id="failures-heading" className="text-lg font-semibold">
          Latest failures
        </h2>
        {failures.length > 0 ? (
          <AdminTable
            caption="The last 20 failed deliveries with their errors"
            headers={["When", "Period", "To", "Error"]}
          >
            {failures.map((failure) => (
              <tr key={failure.id}>
                <td className={`${cell} whitespace-nowrap`}>{time(failure.at)}</td>
                <td className={`${cell} font-mono`}>{failure.period}</td>
                <td className={cell}>{failure.email}</td>
                <td className={`${cell} break-words`}>{failure.error}</td>
              </tr>
            ))}
          </AdminTable>
        ) : (
          <p className={`mt-2 ${muted}`}>No failed deliveries.</p>
        )}
      </section>

      <section aria-labelledby="test-heading" className="space-y-2">
        <h2 id="test-heading" className="text-lg font-semibold">
          Test digest
        </h2>
        <p className={muted}>
          Sends today&apos;s digest to {admin.email} (you need to be subscribed with that address), outside the delivery
          ledger.
        </p>
        <TestDigestButton />
      </section>
    </div>
  );
}
