// "Subscribe again" on the preferences and unsubscribe pages: the link's subscription, restarted with its own choices.
import "server-only";
import { UNKNOWN_LINK } from "./confirm";
import { subscriptionByToken } from "./queries";
import { subscribe, type SubscribeContext, type SubscribeResult } from "./subscribe";

/**
 * Subscribes the link's address again with the choices it had, through subscribe(): a cancelled
 * subscription is not revived by an old link alone (lib/subscribers/confirm.ts), so a stranger holding a
 * forwarded email only gets a confirmation sent to its owner; a signed-in owner is subscribed at once.
 */
export async function resubscribeByToken(token: string, context: SubscribeContext): Promise<SubscribeResult> {
  const subscription = await subscriptionByToken(token);
  if (!subscription) return { ok: false, error: UNKNOWN_LINK, fieldErrors: {} };
  if (subscription.status === "CONFIRMED" || subscription.status === "PENDING")
    return { ok: true, email: subscription.email, subscribed: false, message: "This address is already subscribed." };
  const topics = subscription.topics.map((topic) => topic.slug);
  return subscribe(
    {
      email: subscription.email,
      frequency: subscription.frequency === "WEEKLY" ? "weekly" : "daily",
      weekday: subscription.weekday,
      topics,
      // Every followed topic may have been removed since: then the trending digest rather than a refusal.
      mode: subscription.topicsOnly && topics.length > 0 ? "topics" : "trending",
    },
    context,
  );
}
