"use client";
// "Fetch now", with the answer shown inline (a POST server action, never a link).
import { useActionState } from "react";
import { fetchNowAction, type FetchNowState } from "../fetch-actions";

export function FetchNowButton() {
  const [state, action, pending] = useActionState<FetchNowState>(fetchNowAction, {});
  return (
    <form action={action} className="space-y-2">
      <button type="submit" disabled={pending} className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {pending ? "Fetching…" : "Fetch now"}
      </button>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {state.ok ? state.message : null}
        </p>
      )}
    </form>
  );
}
