// Reading one subscription: by its token (the emailed links) or by the account it is linked to (/me).
import "server-only";
import { db } from "../db/prisma";
import type { Prisma } from "../db/generated/client";
import { subscriberLinkToken, subscriberTokenWhere } from "./token";
import type { TopicOption } from "./followed-topics";

export type SubscriberStatusName = "PENDING" | "CONFIRMED" | "UNSUBSCRIBED" | "SUPPRESSED";

/** What the pages show; carries no token, so it can be handed to client components. */
export type SubscriptionView = {
  email: string;
  status: SubscriberStatusName;
  frequency: "DAILY" | "WEEKLY";
  weekday: number;
  topics: TopicOption[];
  /** "Only my topics" rather than "Trending plus my topics". */
  topicsOnly: boolean;
  linkedToAccount: boolean;
};

const viewSelect = {
  email: true,
  status: true,
  frequency: true,
  weekday: true,
  digestTopicsOnly: true,
  userId: true,
  topics: { select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.SubscriberSelect;

type ViewRow = Prisma.SubscriberGetPayload<{ select: typeof viewSelect }>;

function toView(row: ViewRow): SubscriptionView {
  const topics = row.topics.map(({ tag }) => tag).sort((a, b) => a.name.localeCompare(b.name));
  return {
    email: row.email,
    status: row.status,
    frequency: row.frequency,
    weekday: row.weekday,
    topics,
    topicsOnly: row.digestTopicsOnly,
    linkedToAccount: row.userId !== null,
  };
}

/** The subscription a link's token names; null for an unknown or malformed token. */
export async function subscriptionByToken(token: string): Promise<SubscriptionView | null> {
  const where = subscriberTokenWhere(token);
  if (!where) return null;
  const row = await db().subscriber.findUnique({ where, select: viewSelect });
  return row && toView(row);
}

/**
 * The signed-in person's subscription: the one linked to the account, else one under the account's
 * email (subscribed before signing up; their sign-in proved they own that address). Saving from /me links it.
 */
export async function subscriptionForUser(userId: string): Promise<SubscriptionView | null> {
  const row = await subscriberForUser(userId, viewSelect);
  return row && toView(row);
}

/** The same lookup for the /me actions, which need the token to act. */
export async function subscriberTokenForUser(userId: string): Promise<string | null> {
  const row = await subscriberForUser(userId, { tokenSeed: true });
  return row && subscriberLinkToken(row.tokenSeed);
}

async function subscriberForUser<S extends Prisma.SubscriberSelect>(userId: string, select: S) {
  const linked = await db().subscriber.findUnique({ where: { userId }, select });
  if (linked) return linked;
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return null;
  return db().subscriber.findUnique({ where: { email: user.email.trim().toLowerCase() }, select });
}
