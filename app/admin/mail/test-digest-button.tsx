"use client";
// "Send a test digest to me", with the answer shown inline.
import { useActionState } from "react";
import { sendTestDigestAction, type TestDigestState } from "./actions";

export function TestDigestButton() {
  const [state, action, pending] = useActionState<TestDigestState>(sendTestDigestAction, {});
  return (
    <form action={action} className="space-y-2">
      <button type="submit" disabled={pending} className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60">
        {pending ? "Sending…" : "Send a test digest to me"}
      </button>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : (
        // Present from the start, so screen readers announce the answer when it appears.
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {state.ok ? state.message : null}
        </p>
      )}
    </form>
  );
}
