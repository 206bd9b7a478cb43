"use server";
// /admin/mail's button: a thin wrapper; lib/admin/test-digest.ts checks the admin role itself on every call.
import { sendTestDigestAs } from "@/lib/admin/test-digest";
import { currentUser } from "@/lib/auth/session";

export type TestDigestState = { ok?: boolean; message?: string; error?: string };

export async function sendTestDigestAction(_previous: TestDigestState): Promise<TestDigestState> {
  try {
    const outcome = await sendTestDigestAs(await currentUser());
    return outcome.ok ? { ok: true, message: outcome.message } : { ok: false, error: outcome.error };
  } catch (error) {
    console.error("[admin] test digest failed:", error);
    return { ok: false, error: "The test digest failed; the server log has the details." };
  }
}
