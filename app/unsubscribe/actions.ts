"use server";
// The unsubscribe page's button (unsubscribes, then shows the same page in its unsubscribed state), and
// "Subscribe again" on that page and on the preferences page.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { resubscribeByToken } from "@/lib/subscribers/resubscribe";
import { isSubscriberToken } from "@/lib/subscribers/token";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";
import { clientAddress } from "@/lib/throttle/client-address";

export async function unsubscribeAction(form: FormData): Promise<void> {
  const token = form.get("token");
  if (!isSubscriberToken(token)) redirect("/subscribe");
  await unsubscribe(token);
  redirect(`/unsubscribe/${token}`);
}

/** Signed in as the link's address: subscribed again at once; anyone else: a confirmation email to it. */
export const resubscribeAction = defineAction({
  auth: "optional",
  input: z.object({ token: z.string() }),
  run: async ({ token }, { user }) => {
    const result = await resubscribeByToken(token, { clientAddress: clientAddress(await headers()), viewer: user });
    // No revalidation: subscribing again gives the address a new seed, so this page's link is spent; the
    // answer replaces the button and the new links arrive by email.
    return result.ok ? { ok: true, message: result.message } : result;
  },
});
