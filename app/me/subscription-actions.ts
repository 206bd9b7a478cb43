"use server";
// /me's subscription panel: the session, checked here, is the credential; the subscription is the account's own address.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { actionFailure } from "@/lib/actions/result";
import { clientAddress } from "@/lib/throttle/client-address";
import { saveAccountSubscription, unsubscribeAccount } from "@/lib/subscribers/account";
import { preferencesInput, subscribeFields } from "@/lib/subscribers/subscribe-input";

const SIGNED_OUT = "Your session ended: sign in again to change your subscription.";

export const saveMySubscriptionAction = defineAction({
  auth: "required",
  signedOut: SIGNED_OUT,
  fields: (form) => {
    const { email: _ignored, ...fields } = subscribeFields(form);
    return fields;
  },
  input: preferencesInput,
  values: (fields) => fields,
  // lib/subscribers validates the posted fields itself, with the same schema.
  run: async (_input, { user, fields }) => {
    const result = await saveAccountSubscription(user, fields, clientAddress(await headers()));
    if (!result.ok) return result;
    revalidatePath("/me");
    return { ok: true, message: result.message };
  },
});

export const unsubscribeMeAction = defineAction({
  auth: "required",
  signedOut: SIGNED_OUT,
  input: z.object({}),
  run: async (_input, { user }) => {
    const result = await unsubscribeAccount(user);
    if (!result.ok) return actionFailure(result.error);
    revalidatePath("/me");
    return { ok: true, message: `Unsubscribed: ${result.email} gets no more digests.` };
  },
});
