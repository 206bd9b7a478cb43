"use client";
// The email box: shows the server's message (bad address, throttled) next to the field.
import { useActionState } from "react";
import { requestSignInLink, type SignInState } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(requestSignInLink, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="signin-email" className="block text-sm font-medium">
          Email address
        </label>
        <input
          id="signin-email"
          name="email"
          type="email"
          required
          autoComplete="email"
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "signin-error" : "signin-hint"}
          className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {state.error ? (
          <p id="signin-error" role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {state.error}
          </p>
        ) : (
          <p id="signin-hint" className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            We email you a link that signs you in. No password.
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
