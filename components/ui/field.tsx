// A labelled text input with its hint or error wired for screen readers, and the input and error looks other fields share.
import type { InputHTMLAttributes, ReactNode } from "react";

/** The bordered input box; callers add size and width. */
export const inputClass = "rounded-md border border-zinc-300 bg-white dark:border-zinc-700 dark:bg-zinc-900";

const errorClass = "mt-1 text-sm text-red-700 dark:text-red-400";

/**
 * A field's error under it. `announce` makes it an alert: for forms with no FormMessage of their own,
 * where this line is the only answer a screen reader would hear.
 */
export function FieldError({ id, announce, children }: { id?: string; announce?: boolean; children: ReactNode }) {
  return (
    <p id={id} role={announce ? "alert" : undefined} className={errorClass}>
      {children}
    </p>
  );
}

type TextFieldProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "className" | "aria-invalid" | "aria-describedby"
> & {
  id: string;
  label: string;
  /** Shown under the field until there is an error. */
  hint?: ReactNode;
  error?: string;
  announceError?: boolean;
};

/** The error replaces the hint, and the input is described by whichever is shown (`${id}-error` / `${id}-hint`). */
export function TextField({ id, label, hint, error, announceError, ...input }: TextFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  let describedBy: string | undefined;
  if (error) describedBy = errorId;
  else if (hint) describedBy = hintId;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 w-full px-3 py-2 ${inputClass}`}
        {...input}
      />
      {error && (
        <FieldError id={errorId} announce={announceError}>
          {error}
        </FieldError>
      )}
      {!error && hint && (
        <p id={hintId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}
