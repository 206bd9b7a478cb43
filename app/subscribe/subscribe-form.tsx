"use client";
// The full subscribe form on /subscribe: email, daily or weekly, topics; answers inline (or after a plain POST without JS).
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/actions/result";
import type { SubscribeFields } from "@/lib/subscribers/subscribe-input";
import type { TopicOption } from "@/lib/subscribers/followed-topics";
import { subscribeAction } from "./actions";
import { PreferenceFields } from "@/components/preference-fields";

export function SubscribeForm({ topics, email }: { topics: TopicOption[]; email?: string }) {
  const [state, action, pending] = useActionState<FormState<SubscribeFields>, FormData>(subscribeAction, {});
  const values = state.values ?? { email };
  return (
    // Keyed on the answer: a remount applies the posted values as defaults after React resets the form.
    <form key={JSON.stringify(state)} action={action} className="space-y-6" noValidate>
      <TextField
        id="subscribe-email"
        label="Email address"
        name="email"
        type="email"
        required
        autoComplete="email"
        defaultValue={values.email}
        error={state.fieldErrors?.email}
        // FormMessage does not repeat a field's error, so this line is the one a screen reader must hear.
        announceError
      />
      <PreferenceFields idPrefix="subscribe" topics={topics} values={values} fieldErrors={state.fieldErrors} />
      <div className="space-y-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Subscribing…" : "Subscribe"}
        </Button>
        <FormMessage
          id="subscribe-message"
          ok={state.ok}
          message={state.message}
          error={state.error}
          fieldErrors={state.fieldErrors}
        />
      </div>
    </form>
  );
}
