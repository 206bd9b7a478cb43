// GET /subscribe/confirm/:token: a page with a Confirm button, never a confirmation by itself (mail scanners follow GETs).
import Link from "next/link";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { describeSubscription } from "@/lib/subscribers/describe";
import { subscriptionByToken } from "@/lib/subscribers/queries";
import { confirmAction } from "../../actions";
import { tokenPageMetadata } from "../../token-page";

export const metadata = tokenPageMetadata("Confirm your subscription");

type Props = { params: Promise<{ token: string }> };

const link = "font-medium text-sky-800 underline underline-offset-2 dark:text-sky-300";

export default async function ConfirmPage({ params }: Props) {
  const { token } = await params;
  const subscription = await subscriptionByToken(token); // null for a malformed token too, without a query
  if (!subscription) notFound();
  const summary = describeSubscription(subscription);

  if (subscription.status === "CONFIRMED") {
    return (
      <section aria-labelledby="confirm-heading" className="max-w-xl space-y-3">
        <h1 id="confirm-heading" className="text-2xl font-semibold tracking-tight">
          You&apos;re subscribed: {summary}
        </h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          The digest goes to {subscription.email}. Every email has a link to change this or to unsubscribe.
        </p>
        <p className="text-sm">
          <Link href={`/preferences/${token}`} className={link}>
            Manage preferences
          </Link>
        </p>
      </section>
    );
  }

  if (subscription.status !== "PENDING") {
    return (
      <section aria-labelledby="confirm-heading" className="max-w-xl space-y-3">
        <h1 id="confirm-heading" className="text-2xl font-semibold tracking-tight">
          This subscription was cancelled
        </h1>
        <p className="text-zinc-700 dark:text-zinc-300">
          {subscription.email} no longer gets the digest, and an old confirmation link does not change that.
        </p>
        <p className="text-sm">
          <Link href="/subscribe" className={link}>
            Subscribe again
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="confirm-heading" className="max-w-xl space-y-4">
      <h1 id="confirm-heading" className="text-2xl font-semibold tracking-tight">
        Confirm your subscription
      </h1>
      <p className="text-zinc-700 dark:text-zinc-300">
        Send the PaperPulse {summary} to {subscription.email}?
      </p>
      <form action={confirmAction}>
        <input type="hidden" name="token" value={token} />
        <Button type="submit">Confirm</Button>
      </form>
    </section>
  );
}
