"use client";
// /me's digest subscription: the account's own address, subscribed or changed in place, no confirmation email needed.
import { useActionState } from "react";
import { PreferenceFields } from "@/components/preference-fields";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/actions/result";
import { describeSubscription } from "@/lib/subscribers/describe";
import type { SubscriptionView } from "@/lib/subscribers/queries";
import type { SubscribeFields } from "@/lib/subscribers/subscribe-input";
import type { TopicOption } from "@/lib/subscribers/followed-topics";

/** A form action as useActionState calls it. */
type PanelAction<Values = never> = (previous: FormState<Values>, form: FormData) => Promise<FormState<Values>>;

export type SubscriptionPanelProps = {
  /** The account's address: the one the digest goes to. */
  email: string;
  /** subscriptionForUser(user.id) */
  subscription: SubscriptionView | null;
  /** topicTags() */
  topics: TopicOption[];
  /** The page's server actions (app/me/subscription-actions.ts): save these choices, and stop the digest. */
  save: PanelAction<SubscribeFields>;
  unsubscribe: PanelAction;
};

function statusLine(email: string, subscription: SubscriptionView | null): string {
  if (subscription?.status === "CONFIRMED")
    return `${subscription.email} gets the ${describeSubscription(subscription)}.`;
  if (subscription?.status === "PENDING")
    return `${subscription.email} is waiting for confirmation. Saving here confirms it.`;
  if (subscription?.status === "SUPPRESSED")
    return `Mail to ${subscription.email} bounced or was reported, so we stopped. Subscribe again to start it again.`;
  if (subscription?.status === "UNSUBSCRIBED")
    return `You unsubscribed: ${subscription.email} gets no digests. Subscribe again to get them with your earlier choices.`;
  return `You don't get the digest. Choose how often and save to send it to ${email}.`;
}

/**
 * Unsubscribed (or stopped after bounces): the choices are not offered until the person subscribes again,
 * with one button that saves the choices they had.
 */
function Stopped({
  subscription,
  previous,
  save,
  saving,
  saved,
}: {
  subscription: SubscriptionView;
  previous: { frequency: string; weekday?: number; topics: string[]; mode: string };
  save: (form: FormData) => void;
  saving: boolean;
  saved: FormState<SubscribeFields>;
}) {
  return (
    <div className="mt-3 space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{statusLine(subscription.email, subscription)}</p>
      <form action={save} className="space-y-2">
        <input type="hidden" name="frequency" value={previous.frequency} />
        <input type="hidden" name="weekday" value={previous.weekday ?? ""} />
        <input type="hidden" name="mode" value={previous.mode} />
        {previous.topics.map((slug) => (
          <input key={slug} type="hidden" name="topics" value={slug} />
        ))}
        <Button type="submit" disabled={saving}>
          {saving ? "Subscribing…" : "Subscribe again"}
        </Button>
      </form>
      {/* The status line already says it stopped; only a failed "Subscribe again" needs words here. */}
      <FormMessage id="me-subscription-message" error={saved.error} />
    </div>
  );
}

function saveLabel(saving: boolean, active: boolean): string {
  if (saving) return "Saving…";
  return active ? "Save digest settings" : "Subscribe";
}

export function SubscriptionPanel({
  email,
  subscription,
  topics,
  save: saveAction,
  unsubscribe,
}: SubscriptionPanelProps) {
  const [saved, save, saving] = useActionState<FormState<SubscribeFields>, FormData>(saveAction, {});
  const [stopped, stop, stopping] = useActionState<FormState, FormData>(unsubscribe, {});
  const active = subscription?.status === "CONFIRMED" || subscription?.status === "PENDING";
  const previous = {
    frequency: subscription?.frequency === "WEEKLY" ? "weekly" : "daily",
    weekday: subscription?.weekday,
    topics: subscription?.topics.map((topic) => topic.slug) ?? [],
    mode: subscription?.topicsOnly && subscription.topics.length > 0 ? "topics" : "trending",
  };
  const current = saved.values ?? previous;
  if (subscription && !active)
    return <Stopped subscription={subscription} previous={previous} save={save} saving={saving} saved={saved} />;
  return (
    <div className="mt-3 space-y-4">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{statusLine(email, subscription)}</p>
      <form key={JSON.stringify(saved)} action={save} className="space-y-6">
        <PreferenceFields idPrefix="me-subscription" topics={topics} values={current} fieldErrors={saved.fieldErrors} />
        <div className="space-y-3">
          <Button type="submit" disabled={saving}>
            {saveLabel(saving, active)}
          </Button>
          <FormMessage
            id="me-subscription-message"
            ok={saved.ok}
            message={saved.message}
            error={saved.error}
            fieldErrors={saved.fieldErrors}
          />
        </div>
      </form>
      {active && (
        <form action={stop} className="space-y-2">
          <Button type="submit" variant="outline" size="sm" disabled={stopping}>
            Unsubscribe
          </Button>
          <FormMessage id="me-unsubscribe-message" ok={stopped.ok} message={stopped.message} error={stopped.error} />
        </form>
      )}
    </div>
  );
}
