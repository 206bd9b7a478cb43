"use server";
// The preferences page's form: the token from the emailed link is the only credential.
import { subscribeFields, type FieldErrors, type SubscribeFields } from "@/lib/subscribers/subscribe-input";
import { updatePreferences } from "@/lib/subscribers/preferences";

export type PreferencesFormState = { ok?: boolean; message?: string; error?: string; fieldErrors?: FieldErrors; values?: SubscribeFields };

export async function savePreferencesAction(_previous: PreferencesFormState, form: FormData): Promise<PreferencesFormState> {
  const { email: _ignored, ...values } = subscribeFields(form);
  const result = await updatePreferences(String(form.get("token") ?? ""), values);
  if (!result.ok) return { ok: false, error: result.error, fieldErrors: result.fieldErrors, values };
  return { ok: true, message: result.message, values };
}
