"use client";
// The compact subscribe box in every page's footer: email and how often; topics are on /subscribe.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/actions/result";
import type { SubscribeFields } from "@/lib/subscribers/subscribe-input";

/** The subscribe action (app/subscribe/actions.ts), passed in by the layout: components never import app/. */
export type SubscribeBoxAction = (
  previous: FormState<SubscribeFields>,
  form: FormData,
) => Promise<FormState<SubscribeFields>>;

const OWN_FORM_PAGES = ["/me", "/subscribe", "/preferences", "/unsubscribe"];

/** Works as a plain form POST without JavaScript; with it, the answer appears under the box. */
export function SubscribeBox({ subscribe }: { subscribe: SubscribeBoxAction }) {
  const [state, action, pending] = useActionState<FormState<SubscribeFields>, FormData>(subscribe, {});
  const pathname = usePathname();
  // Pages with their own subscription form (/me's digest settings, /subscribe, a subscriber's preferences) get no second one.
  if (OWN_FORM_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`))) return null;
  const emailError = state.fieldErrors?.email;
  return (
    <form
      key={JSON.stringify(state)}
      action={action}
      aria-labelledby="subscribe-box-heading"
      className="space-y-2"
      noValidate
    >
      {/* Topics are chosen on /subscribe: subscribing again from here must not clear them. */}
      <input type="hidden" name="keepTopics" value="1" />
      <h2 id="subscribe-box-heading" className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
        Get the papers by email
      </h2>
      <div className="flex flex-wrap items-center gap-2">
        {/* Not "Email address": that label names the main field on /signin and /subscribe. */}
        <label htmlFor="subscribe-box-email" className="sr-only">
          Your email
        </label>
        <input
          id="subscribe-box-email"
          name="email"
          type="email"
          required
          autoComplete="email"
          placeholder="you@example.org"
          defaultValue={state.values?.email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby="subscribe-box-message"
          className={`${inputClass} min-w-0 flex-1 px-3 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 sm:max-w-64 dark:text-zinc-100 dark:placeholder:text-zinc-400`}
        />
        <label htmlFor="subscribe-box-frequency" className="sr-only">
          How often
        </label>
        <select
          id="subscribe-box-frequency"
          name="frequency"
          defaultValue={state.values?.frequency ?? "daily"}
          className={`${inputClass} px-2 py-1.5 text-sm text-zinc-900 dark:text-zinc-100`}
        >
          <option value="daily">Daily</option>
          <option value="weekly">Weekly (Mondays)</option>
        </select>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Subscribing…" : "Subscribe"}
        </Button>
      </div>
      <FormMessage id="subscribe-box-message" ok={state.ok} message={state.message} error={state.error} />
      <p>
        <Link href="/subscribe" className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100">
          Choose topics or another weekday
        </Link>
      </p>
    </form>
  );
}
