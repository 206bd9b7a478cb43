"use server";
// Save the search on screen (its words and filters) under a name: the session is the credential.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { ownerForUser } from "@/lib/follows/owner";
import { saveSearch } from "@/lib/saved-searches/store";

export const saveSearchAction = defineAction({
  auth: "required",
  signedOut: "Sign in to save searches.",
  // lib/saved-searches validates the fields itself (savedSearchInput), with the same schema as the preferences page.
  input: z.object({}).passthrough(),
  run: async (_input, { user, fields }) => {
    const result = await saveSearch(ownerForUser(user.id), fields);
    if (!result.ok) return result;
    revalidatePath("/me");
    return { ok: true, message: result.message };
  },
});
