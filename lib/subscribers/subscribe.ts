// Subscribing: validate, then either link a signed-in person's own address at once or mail a double opt-in confirmation.
import "server-only";
import { db, type Tx } from "../db/prisma";
import { sendMail } from "../mail/send";
import type { MailOptions } from "../mail/types";
import { describeSubscription } from "./describe";
import { emailSiteUrl } from "./links";
import { inputFailure, subscribeInput, type InputFailure, type SubscribeInput } from "./subscribe-input";
import { alreadySubscribedEmail, confirmSubscriptionEmail } from "./subscription-emails";
import { throttleSubscribeMail } from "../throttle/subscribe";
import { resolveTopics, type ResolvedTopic } from "./followed-topics";
import {
  linkTokenOf,
  lockSubscriberByEmail,
  replaceTopics,
  restartedSubscription,
  toFrequency,
  toTopicsOnly,
} from "./write";

export type SubscribeContext = {
  /** Who asked (lib/throttle/client-address.ts): the per-client throttle key. */
  clientAddress: string;
  /** The signed-in person, if any: their own account address needs no confirmation email. */
  viewer?: { id: string; email: string } | null;
  /** Origin for the emailed links; default emailSiteUrl(). */
  origin?: string;
  mail?: MailOptions;
  now?: Date;
};

/**
 * ok with subscribed: true only for a signed-in person's own address (it is theirs to know).
 * Every other success says "check your inbox" in the same words, whatever the address's state.
 */
export type SubscribeResult = { ok: true; email: string; subscribed: boolean; message: string } | InputFailure;

const checkInbox = (email: string) =>
  `Check your inbox: we sent an email to ${email}. Follow its link to confirm your subscription.`;

export async function subscribe(raw: unknown, context: SubscribeContext): Promise<SubscribeResult> {
  const parsed = subscribeInput.safeParse(raw);
  if (!parsed.success) return inputFailure(parsed.error);
  const input = parsed.data;
  const topics = await resolveTopics(input.topics);
  if (!topics.ok) return topics;
  const now = context.now ?? new Date();
  const plan = {
    frequency: toFrequency(input.frequency),
    weekday: input.weekday,
    topics: topics.tags,
    topicsOnly: input.mode === "topics",
  };

  // Signing in proved the person reads this mailbox, so a confirmation email would prove nothing more.
  if (context.viewer && context.viewer.email.trim().toLowerCase() === input.email) {
    await db().$transaction((tx) => subscribeOwnAddress(tx, context.viewer!.id, input, topics.tags, now));
    return {
      ok: true,
      email: input.email,
      subscribed: true,
      message: `You're subscribed: ${describeSubscription(plan)}.`,
    };
  }

  const throttle = await throttleSubscribeMail(input.email, context.clientAddress, now);
  if (!throttle.ok) {
    if (throttle.reason === "email")
      return { ok: true, email: input.email, subscribed: false, message: throttle.message };
    return { ok: false, error: throttle.message, fieldErrors: {} };
  }

  const reply = await db().$transaction((tx) => recordRequest(tx, input, topics.tags));
  const origin = context.origin ?? emailSiteUrl();
  const message =
    reply.kind === "confirm"
      ? await confirmSubscriptionEmail({
          token: reply.token,
          email: input.email,
          summary: describeSubscription(plan),
          origin,
        })
      : await alreadySubscribedEmail({ token: reply.token, email: input.email, origin });
  const sent = await sendMail(
    { to: input.email, ...message, tags: [{ name: "category", value: `subscribe-${reply.kind}` }] },
    context.mail,
  );
  if (!sent.ok) {
    console.error(`[subscribers] ${reply.kind} email to ${input.email} failed: ${sent.error}`);
    return {
      ok: false,
      error: `We could not send the email to ${input.email}. Try again in a few minutes.`,
      fieldErrors: {},
    };
  }
  return { ok: true, email: input.email, subscribed: false, message: checkInbox(input.email) };
}

/**
 * A stranger may be typing someone else's address, so a CONFIRMED subscription is left exactly as it
 * is (its owner gets a link to the preferences instead). A PENDING one takes the new choices and keeps
 * its token, so the first confirmation email still works; an UNSUBSCRIBED or SUPPRESSED one starts over.
 */
async function recordRequest(
  tx: Tx,
  input: SubscribeInput,
  tags: ResolvedTopic[],
): Promise<{ kind: "confirm" | "already"; token: string }> {
  const row = await lockSubscriberByEmail(tx, input.email);
  if (row.status === "CONFIRMED") return { kind: "already", token: linkTokenOf(row) };
  const restart = row.status === "UNSUBSCRIBED" || row.status === "SUPPRESSED" ? restartedSubscription() : {};
  const updated = await tx.subscriber.update({
    where: { id: row.id },
    data: {
      ...restart,
      frequency: toFrequency(input.frequency),
      weekday: input.weekday,
      digestTopicsOnly: toTopicsOnly(input.mode),
    },
    select: { tokenSeed: true },
  });
  if (!input.keepTopics)
    await replaceTopics(
      tx,
      row.id,
      tags.map((tag) => tag.id),
    );
  return { kind: "confirm", token: linkTokenOf(updated) };
}

async function subscribeOwnAddress(
  tx: Tx,
  userId: string,
  input: SubscribeInput,
  tags: ResolvedTopic[],
  now: Date,
): Promise<void> {
  // One subscription per account: a row linked under an older address lets go first.
  await tx.subscriber.updateMany({ where: { userId, NOT: { email: input.email } }, data: { userId: null } });
  const row = await lockSubscriberByEmail(tx, input.email);
  const restart = row.status === "UNSUBSCRIBED" || row.status === "SUPPRESSED" ? restartedSubscription() : {};
  await tx.subscriber.update({
    where: { id: row.id },
    data: {
      ...restart,
      status: "CONFIRMED",
      confirmedAt: row.status === "CONFIRMED" ? row.confirmedAt : now,
      user: { connect: { id: userId } },
      frequency: toFrequency(input.frequency),
      weekday: input.weekday,
      digestTopicsOnly: toTopicsOnly(input.mode),
    },
  });
  if (!input.keepTopics)
    await replaceTopics(
      tx,
      row.id,
      tags.map((tag) => tag.id),
    );
}
