// The site's buttons: one look per purpose, so a class string is chosen here instead of copied into each form.
import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "strong" | "outline" | "danger";
export type ButtonSize = "md" | "sm";

const base = "rounded-md font-medium disabled:opacity-60";

/** primary: the form's main action; strong: site chrome and admin actions; outline: the quieter choice; danger: it ends something. */
const variants: Record<ButtonVariant, string> = {
  primary: "bg-sky-700 text-white hover:bg-sky-800",
  strong: "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300",
  outline: "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900",
  danger: "bg-red-700 text-white hover:bg-red-800",
};

const sizes: Record<ButtonSize, string> = {
  md: "px-4 py-2 text-sm",
  sm: "px-3 py-1.5 text-sm",
};

/** For links that look like buttons (add `inline-block`); `extra` is for layout (width, margin), never colours. */
export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra?: string): string {
  return [base, variants[variant], sizes[size], extra].filter(Boolean).join(" ");
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "className"> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Layout only (width, margin): the look comes from variant and size. */
  className?: string;
};

/** type defaults to "button": a submit button says so, so no button submits a form by accident. */
export function Button({ variant, size, className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonClass(variant, size, className)} {...props} />;
}
