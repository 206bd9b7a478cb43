"use client";
// The email box: shows the server's message (bad address, throttled) next to the field.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/result";
import { requestSignInLink } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<FormState<{ email: string }>, FormData>(requestSignInLink, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {/* No FormMessage here: the field's error is the form's only answer, so it is announced. */}
      <TextField
        id="signin-email"
        label="Email address"
        name="email"
        type="email"
        required
        autoComplete="email"
        defaultValue={state.values?.email}
        hint="We email you a link that signs you in. No password."
        error={state.error}
        announceError
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
    </form>
  );
}
