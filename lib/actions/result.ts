// The one answer shape of every server action, and the state a form keeps between submissions.
// No server-only import: client components read these types.
import type { z } from "zod";

/** The first problem of each field, keyed by the form field's name. */
export type FieldErrors = Record<string, string>;

export type ActionFailure = { ok: false; error: string; fieldErrors: FieldErrors };

/** `{ ok: true, ... } | { ok: false, error, fieldErrors }`: an action never throws at the client. */
export type ActionResult<Data extends object = object> = ({ ok: true } & Data) | ActionFailure;

/**
 * What a form built on useActionState holds: `{}` before the first answer, then the last ActionResult
 * with what was posted in `values` (React resets a form after its action; the form refills from these).
 */
export type FormState<Values = never> = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: FieldErrors;
  values?: Values;
};

/** The first problem of each field, plus one sentence for the top of the form. */
export function inputFailure(error: z.ZodError): ActionFailure {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  const first = Object.values(fieldErrors)[0] ?? "Check the form and try again.";
  return { ok: false, error: first, fieldErrors };
}

export function actionFailure(error: string, fieldErrors: FieldErrors = {}): ActionFailure {
  return { ok: false, error, fieldErrors };
}
