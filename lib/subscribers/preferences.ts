// Changing how often and about what a subscriber hears, through the preferences link's token.
import "server-only";
import { db } from "../db/prisma";
import { UNKNOWN_LINK } from "./confirm";
import { describeSubscription } from "./describe";
import { subscriptionByToken, type SubscriptionView } from "./queries";
import { inputFailure, preferencesInput, type InputFailure } from "./subscribe-input";
import { subscriberTokenWhere } from "./token";
import { resolveTopics } from "./followed-topics";
import { replaceTopics, toFrequency, toTopicsOnly } from "./write";

export type PreferencesResult =
  { ok: true; message: string; subscription: SubscriptionView } | (InputFailure & { status?: 404 });

/** Never changes the status: saving preferences neither confirms nor revives a subscription. */
export async function updatePreferences(token: string, raw: unknown): Promise<PreferencesResult> {
  const where = subscriberTokenWhere(token);
  if (!where) return { ok: false, status: 404, error: UNKNOWN_LINK, fieldErrors: {} };
  const parsed = preferencesInput.safeParse(raw);
  if (!parsed.success) return inputFailure(parsed.error);
  const topics = await resolveTopics(parsed.data.topics);
  if (!topics.ok) return topics;

  const found = await db().$transaction(async (tx) => {
    const row = await tx.subscriber.findUnique({ where, select: { id: true } });
    if (!row) return false;
    await tx.subscriber.update({
      where: { id: row.id },
      data: {
        frequency: toFrequency(parsed.data.frequency),
        weekday: parsed.data.weekday,
        digestTopicsOnly: toTopicsOnly(parsed.data.mode),
      },
    });
    await replaceTopics(
      tx,
      row.id,
      topics.tags.map((tag) => tag.id),
    );
    return true;
  });
  const subscription = found ? await subscriptionByToken(token) : null;
  if (!subscription) return { ok: false, status: 404, error: UNKNOWN_LINK, fieldErrors: {} };
  return { ok: true, message: `Saved: ${describeSubscription(subscription)}.`, subscription };
}
