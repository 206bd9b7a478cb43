"use server";
// /me's subscription panel: the session, checked here, is the credential; the subscription is the account's own address.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth/session";
import { clientAddress } from "@/lib/auth/throttle";
import { saveAccountSubscription, unsubscribeAccount } from "@/lib/subscribers/account";
import { subscribeFields, type FieldErrors, type SubscribeFields } from "@/lib/subscribers/subscribe-input";

export type AccountSubscriptionState = { ok?: boolean; message?: string; error?: string; fieldErrors?: FieldErrors; values?: SubscribeFields };

const SIGNED_OUT = { ok: false, error: "Your session ended: sign in again to change your subscription." } as const;

export async function saveMySubscriptionAction(_previous: AccountSubscriptionState, form: FormData): Promise<AccountSubscriptionState> {
  const user = await currentUser();
  if (!user) return SIGNED_OUT;
  const { email: _ignored, ...values } = subscribeFields(form);
  const result = await saveAccountSubscription(user, values, clientAddress(await headers()));
  if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values };
  revalidatePath("/me");
  return { ok: true, message: result.message, values };
}

export async function unsubscribeMeAction(_previous: AccountSubscriptionState, _form: FormData): Promise<AccountSubscriptionState> {
  const user = await currentUser();
  if (!user) return SIGNED_OUT;
  const result = await unsubscribeAccount(user);
  if (!result.ok) return { ok: false, error: result.error };
  revalidatePath("/me");
  return { ok: true, message: `Unsubscribed: ${result.email} gets no more digests.` };
}
