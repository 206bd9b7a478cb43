"use client";
// The preferences form: daily or weekly, the weekday, the topics; saved in place.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { PreferenceFields, type PreferenceValues } from "@/components/preference-fields";
import type { FormState } from "@/lib/actions/result";
import type { SubscribeFields } from "@/lib/subscribers/subscribe-input";
import type { TopicOption } from "@/lib/subscribers/followed-topics";
import { savePreferencesAction } from "../actions";

export function PreferencesForm({
  token,
  topics,
  current,
}: {
  token: string;
  topics: TopicOption[];
  current: PreferenceValues;
}) {
  const [state, action, pending] = useActionState<FormState<SubscribeFields>, FormData>(savePreferencesAction, {});
  return (
    <form key={JSON.stringify(state)} action={action} className="space-y-6">
      <input type="hidden" name="token" value={token} />
      <PreferenceFields
        idPrefix="preferences"
        topics={topics}
        values={state.values ?? current}
        fieldErrors={state.fieldErrors}
      />
      <div className="space-y-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save preferences"}
        </Button>
        <FormMessage
          id="preferences-message"
          ok={state.ok}
          message={state.message}
          error={state.error}
          fieldErrors={state.fieldErrors}
        />
      </div>
    </form>
  );
}
