// GET /unsubscribe/:token: asks before unsubscribing (mail scanners follow GETs); the button does it.
import Link from "next/link";
import { notFound } from "next/navigation";
import { ResubscribeButton } from "@/components/resubscribe-button";
import { Button } from "@/components/ui/button";
import { subscriptionByToken } from "@/lib/subscribers/queries";
import { tokenPageMetadata } from "../../subscribe/token-page";
import { resubscribeAction, unsubscribeAction } from "../actions";

export const metadata = tokenPageMetadata("Unsubscribe");

type Props = { params: Promise<{ token: string }> };

const link = "font-medium text-sky-800 underline underline-offset-2 dark:text-sky-300";

export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const subscription = await subscriptionByToken(token);
  if (!subscription) notFound();

  if (subscription.status === "UNSUBSCRIBED" || subscription.status === "SUPPRESSED") {
    return (
      <section aria-labelledby="unsubscribe-heading" className="max-w-xl space-y-3">
        <h1 id="unsubscribe-heading" className="text-2xl font-semibold tracking-tight">
          You&apos;re unsubscribed
        </h1>
        <p className="text-zinc-700 dark:text-zinc-300">{subscription.email} gets no more PaperPulse digests.</p>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">Changed your mind?</p>
        <ResubscribeButton token={token} action={resubscribeAction} />
      </section>
    );
  }

  return (
    <section aria-labelledby="unsubscribe-heading" className="max-w-xl space-y-4">
      <h1 id="unsubscribe-heading" className="text-2xl font-semibold tracking-tight">
        Unsubscribe from the digest?
      </h1>
      <p className="text-zinc-700 dark:text-zinc-300">{subscription.email} will get no more PaperPulse digests.</p>
      <form action={unsubscribeAction}>
        <input type="hidden" name="token" value={token} />
        <Button type="submit" variant="danger">
          Unsubscribe
        </Button>
      </form>
      <p className="text-sm">
        Too many emails?{" "}
        <Link href={`/preferences/${token}`} className={link}>
          Get a weekly digest or fewer topics instead
        </Link>
      </p>
    </section>
  );
}
