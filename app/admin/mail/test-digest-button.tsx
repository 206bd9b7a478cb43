"use client";
// "Send a test digest to me", with the answer shown inline.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/actions/result";
import { sendTestDigestAction } from "./actions";

export function TestDigestButton() {
  const [state, action, pending] = useActionState<FormState>(sendTestDigestAction, {});
  return (
    <form action={action} className="space-y-2">
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send a test digest to me"}
      </Button>
      <FormMessage ok={state.ok} message={state.message} error={state.error} />
    </form>
  );
}
