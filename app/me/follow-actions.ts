"use server";
// /me's followed authors, saved searches and digest sections: the session is the credential.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { actionFailure } from "@/lib/actions/result";
import { ownerForUser } from "@/lib/follows/owner";
import { setDigestSections } from "@/lib/follows/sections";
import { removeSavedSearch } from "@/lib/saved-searches/store";

const SIGNED_OUT = "Your session ended: sign in again.";

export const removeSavedSearchAction = defineAction({
  auth: "required",
  signedOut: SIGNED_OUT,
  input: z.object({
    id: z.coerce
      .number({ error: "That saved search does not exist." })
      .int()
      .positive("That saved search does not exist."),
  }),
  run: async ({ id }, { user }) => {
    const result = await removeSavedSearch(ownerForUser(user.id), id);
    revalidatePath("/me");
    return result;
  },
});

export const saveMyDigestSectionsAction = defineAction({
  auth: "required",
  signedOut: SIGNED_OUT,
  input: z.object({ authors: z.string().optional(), searches: z.string().optional() }),
  run: async ({ authors, searches }, { user }) => {
    const result = await setDigestSections(
      { userId: user.id },
      { authors: authors === "1", searches: searches === "1" },
    );
    if (!result.ok) return actionFailure(result.error);
    revalidatePath("/me");
    return result;
  },
});
