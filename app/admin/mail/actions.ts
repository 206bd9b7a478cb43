"use server";
// /admin/mail's button: a thin wrapper; lib/admin/test-digest.ts checks the admin role itself on every call.
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { actionFailure } from "@/lib/actions/result";
import { sendTestDigestAs } from "@/lib/admin-mail/test-digest";

export const sendTestDigestAction = defineAction({
  auth: "admin",
  input: z.object({}),
  failed: "The test digest failed; the server log has the details.",
  run: async (_input, { user }) => {
    const outcome = await sendTestDigestAs(user);
    return outcome.ok ? { ok: true, message: outcome.message } : actionFailure(outcome.error);
  },
});
