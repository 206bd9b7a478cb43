"use server";
// The subscribe forms' actions (the box on every page and /subscribe) and the confirm page's button.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientAddress } from "@/lib/auth/throttle";
import { currentUser } from "@/lib/auth/session";
import { confirmSubscription } from "@/lib/subscribers/confirm";
import { subscribe } from "@/lib/subscribers/subscribe";
import { subscribeFields, type FieldErrors, type SubscribeFields } from "@/lib/subscribers/subscribe-input";
import { isSubscriberToken } from "@/lib/subscribers/token";

export type SubscribeFormState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: FieldErrors;
  /** What was posted, so the form comes back filled in (React resets a form after its action). */
  values?: SubscribeFields;
};

export async function subscribeAction(_previous: SubscribeFormState, form: FormData): Promise<SubscribeFormState> {
  const fields = subscribeFields(form);
  const values = { ...fields, email: fields.email?.slice(0, 254) };
  const requestHeaders = await headers();
  const result = await subscribe(fields, {
    clientAddress: clientAddress(requestHeaders),
    viewer: await currentUser(),
  });
  if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values };
  return { ok: true, message: result.message, values };
}

/** The confirm page's button. Back to the same page afterwards, which then shows the confirmed state (and survives a reload). */
export async function confirmAction(form: FormData): Promise<void> {
  const token = form.get("token");
  if (!isSubscriberToken(token)) redirect("/subscribe");
  await confirmSubscription(token);
  redirect(`/subscribe/confirm/${token}`);
}
