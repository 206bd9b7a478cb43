// Row-level steps the subscribe and preferences flows share, run inside their transactions.
import "server-only";
import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/prisma";
import type { SubscriberStatusName } from "./queries";
import { newTokenSeed, subscriberLinkToken } from "./token";

export type LockedSubscriber = {
  id: number;
  status: SubscriberStatusName;
  tokenSeed: string;
  confirmedAt: Date | null;
};

/**
 * The subscriber row for an address, created PENDING if there is none, and locked until the
 * transaction ends: two requests for one address (a double click, two tabs) take turns instead
 * of failing on the unique email.
 */
export async function lockSubscriberByEmail(tx: Tx, email: string): Promise<LockedSubscriber> {
  await tx.subscriber.createMany({ data: [{ email }], skipDuplicates: true });
  const rows = await tx.$queryRaw<LockedSubscriber[]>`
    SELECT id, status::text AS status, token_seed::text AS "tokenSeed", confirmed_at AS "confirmedAt" FROM subscriber WHERE email = ${email} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error(`subscriber ${email} was neither created nor found`);
  return row;
}

/** Replaces the followed topics with exactly these tags. */
export async function replaceTopics(tx: Tx, subscriberId: number, tagIds: number[]): Promise<void> {
  await tx.subscriberTopic.deleteMany({ where: { subscriberId } });
  if (tagIds.length > 0)
    await tx.subscriberTopic.createMany({ data: tagIds.map((tagId) => ({ subscriberId, tagId })) });
}

/**
 * The columns that put a subscriber back to PENDING after an unsubscribe or suppression: a fresh seed and
 * no legacy token, so every old link dies.
 */
export function restartedSubscription(): Prisma.SubscriberUpdateInput {
  return {
    status: "PENDING",
    tokenSeed: newTokenSeed(),
    legacyTokenHash: null,
    confirmedAt: null,
    unsubscribedAt: null,
    suppressedAt: null,
    suppressedWhy: null,
  };
}

/** The link token of a row read with its seed. */
export const linkTokenOf = (row: { tokenSeed: string }) => subscriberLinkToken(row.tokenSeed);

export const toFrequency = (choice: "daily" | "weekly") =>
  (choice === "daily" ? "DAILY" : "WEEKLY") as "DAILY" | "WEEKLY";

/** The mode column from a form's choice; undefined (the form did not offer it) leaves the column alone. */
export const toTopicsOnly = (mode: "trending" | "topics" | undefined) =>
  mode === undefined ? undefined : mode === "topics";
