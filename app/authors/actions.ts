"use server";
// Follow and unfollow an author, from the author page and the paper page: the session is the credential.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { actionFailure } from "@/lib/actions/result";
import { MAX_AUTHOR_NAME } from "@/lib/authors/key";
import { followAuthor, unfollowAuthor } from "@/lib/follows/authors";
import { ownerForUser } from "@/lib/follows/owner";

const SIGNED_OUT = "Sign in to follow authors.";
const author = z.object({
  author: z
    .string()
    .trim()
    .min(1, "Choose an author to follow.")
    .max(MAX_AUTHOR_NAME, `An author's name is at most ${MAX_AUTHOR_NAME} characters.`),
});

/** The pages that show whether you follow: they re-render with the answer. */
function revalidateFollowPages() {
  revalidatePath("/me");
  revalidatePath("/authors/[slug]", "page");
  revalidatePath("/papers/[slug]", "page");
}

export const followAuthorAction = defineAction({
  auth: "required",
  signedOut: SIGNED_OUT,
  input: author,
  run: async ({ author: name }, { user }) => {
    const result = await followAuthor(ownerForUser(user.id), name);
    if (!result.ok) return actionFailure(result.error, { author: result.error });
    revalidateFollowPages();
    return { ok: true, message: result.message };
  },
});

export const unfollowAuthorAction = defineAction({
  auth: "required",
  signedOut: SIGNED_OUT,
  input: author,
  run: async ({ author: slug }, { user }) => {
    const result = await unfollowAuthor(ownerForUser(user.id), slug);
    revalidateFollowPages();
    return result;
  },
});
