"use client";
// A small form around one server action (follow, unfollow, save, remove): hidden fields, any visible
// fields as children, one button, and the action's answer under it. The action arrives as a prop.
import { useActionState, type ReactNode } from "react";
import type { FormState } from "@/lib/actions/result";
import { Button, type ButtonVariant } from "./ui/button";
import { FormMessage } from "./ui/form-message";

export type FormAction = (previous: FormState<unknown>, form?: FormData) => Promise<FormState<unknown>>;

type Props = {
  action: FormAction;
  /** Sent with the form: a slug, an id, a link token. */
  hidden?: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  /** Visible fields, before the button. */
  children?: ReactNode;
  /** An accessible name for the form (several such forms on one page). */
  name?: string;
  className?: string;
};

export function ActionForm({
  action,
  hidden = {},
  label,
  pendingLabel,
  variant = "outline",
  children,
  name,
  className,
}: Props) {
  const [state, formAction, pending] = useActionState<FormState<unknown>, FormData>(action, {});
  return (
    <form action={formAction} aria-label={name} className={className ?? "flex flex-wrap items-end gap-2"}>
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      {children}
      <Button type="submit" variant={variant} size="sm" disabled={pending}>
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </Button>
      <FormMessage ok={state.ok} message={state.message} error={state.error} />
    </form>
  );
}
