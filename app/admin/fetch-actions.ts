"use server";
// /admin's "Fetch now": a thin wrapper; lib/fetch/fetch-now.ts checks the admin role itself on every call.
import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth/session";
import { fetchNowAs } from "@/lib/fetch/fetch-now";

export type FetchNowState = { ok?: boolean; message?: string; error?: string };

export async function fetchNowAction(_previous: FetchNowState): Promise<FetchNowState> {
  try {
    const outcome = await fetchNowAs(await currentUser());
    if (!outcome.ok) return { ok: false, error: outcome.error };
    revalidatePath("/admin");
    return { ok: true, message: outcome.message };
  } catch (error) {
    console.error("[admin] fetch now failed:", error);
    return { ok: false, error: "The fetch failed; the server log has the details." };
  }
}
