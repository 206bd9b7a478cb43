"use client";
// The full subscribe form on /subscribe: email, daily or weekly, topics; answers inline (or after a plain POST without JS).
import { useActionState } from "react";
import type { TopicOption } from "@/lib/subscribers/topics";
import { subscribeAction, type SubscribeFormState } from "./actions";
import { FormMessage } from "./form-message";
import { PreferenceFields } from "./preference-fields";

export function SubscribeForm({ topics, email }: { topics: TopicOption[]; email?: string }) {
  const [state, action, pending] = useActionState<SubscribeFormState, FormData>(subscribeAction, {});
  const values = state.values ?? { email };
  const emailError = state.fieldErrors?.email;
  return (
    // Keyed on the answer: a remount applies the posted values as defaults after React resets the form.
    <form key={JSON.stringify(state)} action={action} className="space-y-6" noValidate>
      <div>
        <label htmlFor="subscribe-email" className="block text-sm font-medium">
          Email address
        </label>
        <input
          id="subscribe-email"
          name="email"
          type="email"
          required
          autoComplete="email"
          defaultValue={values.email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "subscribe-email-error" : undefined}
          className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {emailError && (
          <p id="subscribe-email-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {emailError}
          </p>
        )}
      </div>
      <PreferenceFields idPrefix="subscribe" topics={topics} values={values} fieldErrors={state.fieldErrors} />
      <div className="space-y-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {pending ? "Subscribing…" : "Subscribe"}
        </button>
        <FormMessage id="subscribe-message" ok={state.ok} message={state.message} error={state.error} />
      </div>
    </form>
  );
}
