// GET /preferences/:token: how often and about what, for whoever holds the emailed link; and the way out.
import Link from "next/link";
import { notFound } from "next/navigation";
import { ResubscribeButton } from "@/components/resubscribe-button";
import { describeSubscription } from "@/lib/subscribers/describe";
import { subscriptionByToken } from "@/lib/subscribers/queries";
import { topicTags } from "@/lib/subscribers/followed-topics";
import { tokenPageMetadata } from "../../subscribe/token-page";
import { resubscribeAction } from "../../unsubscribe/actions";
import { TokenFollowsSection } from "./follows-section";
import { PreferencesForm } from "./preferences-form";

export const metadata = tokenPageMetadata("Email preferences");

type Props = { params: Promise<{ token: string }> };

const STATUS_LINE = {
  PENDING: "Not confirmed yet: follow the link in the confirmation email to start the digest.",
  CONFIRMED: "Subscribed",
  UNSUBSCRIBED: "Unsubscribed: nothing is sent.",
  SUPPRESSED: "Stopped: mail to this address bounced or was reported, so nothing is sent.",
} as const;

const link = "font-medium text-sky-800 underline underline-offset-2 dark:text-sky-300";

export default async function PreferencesPage({ params }: Props) {
  const { token } = await params;
  const [subscription, topics] = await Promise.all([subscriptionByToken(token), topicTags()]);
  if (!subscription) notFound();
  const active = subscription.status === "PENDING" || subscription.status === "CONFIRMED";
  const current = {
    frequency: subscription.frequency === "WEEKLY" ? "weekly" : "daily",
    weekday: subscription.weekday,
    topics: subscription.topics.map((topic) => topic.slug),
    mode: subscription.topicsOnly ? "topics" : "trending",
  };
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Email preferences</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {subscription.email} · {STATUS_LINE[subscription.status]}
          {subscription.status === "CONFIRMED" ? `: ${describeSubscription(subscription)}.` : ""}
        </p>
      </div>
      {active ? (
        <>
          <PreferencesForm token={token} topics={topics} current={current} />
          <TokenFollowsSection token={token} active={active} />
          <p className="text-sm">
            <Link href={`/unsubscribe/${token}`} className={link}>
              Unsubscribe
            </Link>
          </p>
        </>
      ) : (
        // Saving here would neither send anything nor revive the subscription: the way back is the only choice.
        <ResubscribeButton token={token} action={resubscribeAction} />
      )}
    </div>
  );
}
