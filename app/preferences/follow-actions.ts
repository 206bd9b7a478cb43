"use server";
// The preferences page's follows and saved searches, for subscribers without an account: the emailed link's token is the credential.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { actionFailure } from "@/lib/actions/result";
import { MAX_AUTHOR_NAME } from "@/lib/authors/key";
import { followAuthor, unfollowAuthor } from "@/lib/follows/authors";
import { ownerForToken } from "@/lib/follows/owner";
import { setDigestSections } from "@/lib/follows/sections";
import { removeSavedSearch, saveSearch } from "@/lib/saved-searches/store";

const token = z.string().min(1, "This link is not valid: open the preferences link from your latest digest email.");
const author = z
  .string()
  .trim()
  .min(1, "Type an author's name.")
  .max(MAX_AUTHOR_NAME, `An author's name is at most ${MAX_AUTHOR_NAME} characters.`);

const done = () => revalidatePath("/preferences/[token]", "page");

export const followAuthorByTokenAction = defineAction({
  auth: "none",
  input: z.object({ token, author }),
  values: ({ author: name }) => ({ author: name }),
  run: async (input) => {
    const owner = await ownerForToken(input.token, { adding: true });
    if (!owner.ok) return actionFailure(owner.error);
    const result = await followAuthor(owner.owner, input.author);
    if (!result.ok) return actionFailure(result.error, { author: result.error });
    done();
    return { ok: true, message: result.message };
  },
});

export const unfollowAuthorByTokenAction = defineAction({
  auth: "none",
  input: z.object({ token, author }),
  run: async (input) => {
    const owner = await ownerForToken(input.token, { adding: false });
    if (!owner.ok) return actionFailure(owner.error);
    const result = await unfollowAuthor(owner.owner, input.author);
    done();
    return result;
  },
});

export const saveSearchByTokenAction = defineAction({
  auth: "none",
  // lib/saved-searches validates the search fields itself (savedSearchInput), as the search page's form does.
  input: z.object({ token }).passthrough(),
  run: async (input, { fields }) => {
    const owner = await ownerForToken(input.token, { adding: true });
    if (!owner.ok) return actionFailure(owner.error);
    const result = await saveSearch(owner.owner, fields);
    if (!result.ok) return result;
    done();
    return { ok: true, message: result.message };
  },
});

export const removeSavedSearchByTokenAction = defineAction({
  auth: "none",
  input: z.object({
    token,
    id: z.coerce
      .number({ error: "That saved search does not exist." })
      .int()
      .positive("That saved search does not exist."),
  }),
  run: async (input) => {
    const owner = await ownerForToken(input.token, { adding: false });
    if (!owner.ok) return actionFailure(owner.error);
    const result = await removeSavedSearch(owner.owner, input.id);
    done();
    return result;
  },
});

export const saveDigestSectionsByTokenAction = defineAction({
  auth: "none",
  input: z.object({ token, authors: z.string().optional(), searches: z.string().optional() }),
  run: async (input) => {
    const result = await setDigestSections(
      { token: input.token },
      { authors: input.authors === "1", searches: input.searches === "1" },
    );
    if (!result.ok) return actionFailure(result.error);
    done();
    return result;
  },
});
