// The signed-in person's subscription on /me: saved under their account address, stopped without a link.
import "server-only";
import { subscriberTokenForUser } from "./queries";
import { subscribe, type SubscribeResult } from "./subscribe";
import type { SubscribeFields } from "./subscribe-input";
import { unsubscribe, type UnsubscribeResult } from "./unsubscribe";

export type AccountUser = { id: string; email: string };

/** Subscribes or updates the account's own address: confirmed and linked at once (lib/subscribers/subscribe.ts says why). */
export async function saveAccountSubscription(
  user: AccountUser,
  fields: Omit<SubscribeFields, "email">,
  clientAddress: string,
): Promise<SubscribeResult> {
  return subscribe({ ...fields, email: user.email }, { clientAddress, viewer: user });
}

export async function unsubscribeAccount(user: AccountUser): Promise<UnsubscribeResult> {
  const token = await subscriberTokenForUser(user.id);
  if (!token) return { ok: false, status: 404, error: "You have no subscription to stop." };
  return unsubscribe(token);
}
