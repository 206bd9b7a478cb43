"use server";
// The unsubscribe page's button: unsubscribes, then shows the same page in its unsubscribed state.
import { redirect } from "next/navigation";
import { isSubscriberToken } from "@/lib/subscribers/token";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";

export async function unsubscribeAction(form: FormData): Promise<void> {
  const token = form.get("token");
  if (!isSubscriberToken(token)) redirect("/subscribe");
  await unsubscribe(token);
  redirect(`/unsubscribe/${token}`);
}
