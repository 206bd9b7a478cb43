"use server";
// The preferences page's form: the token from the emailed link is the only credential.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { updatePreferences } from "@/lib/subscribers/preferences";
import { preferencesInput, subscribeFields } from "@/lib/subscribers/subscribe-input";

export const savePreferencesAction = defineAction({
  auth: "none",
  fields: (form) => {
    const { email: _ignored, ...fields } = subscribeFields(form);
    return { ...fields, token: String(form.get("token") ?? "") };
  },
  input: preferencesInput.safeExtend({ token: z.string() }),
  values: ({ token: _secret, ...values }) => values,
  run: async ({ token, ...input }) => {
    const result = await updatePreferences(token, input);
    if (!result.ok) return result;
    // The page's status line says the choice too: re-render it with this answer, not on the next reload.
    revalidatePath(`/preferences/${token}`);
    return { ok: true, message: result.message };
  },
});
