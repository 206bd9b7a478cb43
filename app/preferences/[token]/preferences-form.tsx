"use client";
// The preferences form: daily or weekly, the weekday, the topics; saved in place.
import { useActionState } from "react";
import { FormMessage } from "@/app/subscribe/form-message";
import { PreferenceFields, type PreferenceValues } from "@/app/subscribe/preference-fields";
import type { TopicOption } from "@/lib/subscribers/topics";
import { savePreferencesAction, type PreferencesFormState } from "../actions";

export function PreferencesForm({ token, topics, current }: { token: string; topics: TopicOption[]; current: PreferenceValues }) {
  const [state, action, pending] = useActionState<PreferencesFormState, FormData>(savePreferencesAction, {});
  return (
    <form key={JSON.stringify(state)} action={action} className="space-y-6">
      <input type="hidden" name="token" value={token} />
      <PreferenceFields idPrefix="preferences" topics={topics} values={state.values ?? current} fieldErrors={state.fieldErrors} />
      <div className="space-y-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {pending ? "Saving…" : "Save preferences"}
        </button>
        <FormMessage id="preferences-message" ok={state.ok} message={state.message} error={state.error} />
      </div>
    </form>
  );
}
