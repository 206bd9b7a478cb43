"use server";
// /admin's "Fetch now": a thin wrapper; lib/fetch/fetch-now.ts checks the admin role itself on every call.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { actionFailure } from "@/lib/actions/result";
import { fetchNowAs } from "@/lib/fetch/fetch-now";

export const fetchNowAction = defineAction({
  auth: "admin",
  input: z.object({}),
  failed: "The fetch failed; the server log has the details.",
  run: async (_input, { user }) => {
    const outcome = await fetchNowAs(user);
    if (!outcome.ok) return actionFailure(outcome.error);
    revalidatePath("/admin");
    return { ok: true, message: outcome.message };
  },
});
