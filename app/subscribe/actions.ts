"use server";
// The subscribe forms' actions (the box on every page and /subscribe) and the confirm page's button.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { clientAddress } from "@/lib/throttle/client-address";
import { confirmSubscription } from "@/lib/subscribers/confirm";
import { subscribe } from "@/lib/subscribers/subscribe";
import { subscribeFields, subscribeInput } from "@/lib/subscribers/subscribe-input";
import { isSubscriberToken } from "@/lib/subscribers/token";

/** Signed in or not: a signed-in person's own address needs no confirmation email. */
export const subscribeAction = defineAction({
  auth: "optional",
  fields: subscribeFields,
  input: subscribeInput,
  values: (fields) => ({ ...fields, email: fields.email?.slice(0, 254) }),
  run: async (input, { user }) => {
    const result = await subscribe(input, { clientAddress: clientAddress(await headers()), viewer: user });
    return result.ok ? { ok: true, message: result.message } : result;
  },
});

/** The confirm page's button. Back to the same page afterwards, which then shows the confirmed state (and survives a reload). */
export async function confirmAction(form: FormData): Promise<void> {
  const token = form.get("token");
  if (!isSubscriberToken(token)) redirect("/subscribe");
  await confirmSubscription(token);
  redirect(`/subscribe/confirm/${token}`);
}
