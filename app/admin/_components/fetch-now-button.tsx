"use client";
// "Fetch now", with the answer shown inline (a POST server action, never a link).
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/actions/result";
import { fetchNowAction } from "../fetch-actions";

export function FetchNowButton() {
  const [state, action, pending] = useActionState<FormState>(fetchNowAction, {});
  return (
    <form action={action} className="space-y-2">
      <Button type="submit" disabled={pending}>
        {pending ? "Fetching…" : "Fetch now"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} error={state.error} />
    </form>
  );
}
