"use client";
// "Subscribe again" for an unsubscribed link's page: one button, its answer in place of it.
import { useActionState } from "react";
import type { FormState } from "@/lib/actions/result";
import { Button } from "./ui/button";
import { FormMessage } from "./ui/form-message";

type ResubscribeAction = (previous: FormState, form: FormData) => Promise<FormState>;

/** `action` is app/unsubscribe/actions.ts resubscribeAction (server actions arrive as props). */
export function ResubscribeButton({ token, action }: { token: string; action: ResubscribeAction }) {
  const [state, submit, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={submit} className="space-y-2">
      <input type="hidden" name="token" value={token} />
      {!state.ok && (
        <Button type="submit" disabled={pending}>
          {pending ? "Subscribing…" : "Subscribe again"}
        </Button>
      )}
      <FormMessage id="resubscribe-message" ok={state.ok} message={state.message} error={state.error} />
    </form>
  );
}
