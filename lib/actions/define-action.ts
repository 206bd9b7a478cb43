// Every server action is built here (after next-safe-action): the session it needs, its zod input read
// from the FormData, one result shape (lib/actions/result.ts), and no raw error thrown at the client.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { checkAdmin } from "../auth/admin-check";
import { currentUser, type SessionUser } from "../auth/session";
import { actionFailure, inputFailure, type ActionFailure, type ActionResult, type FormState } from "./result";

/** "none": the form carries its own credential (a link token) or needs none; no session is read. */
type ActionAuth = "none" | "optional" | "required" | "admin";
type UserFor<A extends ActionAuth> = A extends "none" ? null : A extends "optional" ? SessionUser | null : SessionUser;

/** Each text field by name: what most forms post. */
type TextFields = Record<string, string | undefined>;

type ActionSpec<A extends ActionAuth, S extends z.ZodType, R extends ActionResult, Fields, Values> = {
  auth: A;
  /** Validates what `fields` read; a failure answers `{ ok: false, error, fieldErrors }` without running. */
  input: S;
  /** What the form posted, as `input` expects it (repeated checkboxes as arrays...); default: the text fields. */
  fields?: (form: FormData) => Fields;
  /** Sent back with every answer, so the form comes back filled in. */
  values?: (fields: Fields) => Values;
  /** The signed-out answer of a "required" or "admin" action, in the page's words. */
  signedOut?: string;
  /** The answer when something unexpected throws (the error itself goes to the server log). */
  failed?: string;
  run: (input: z.output<S>, context: { user: UserFor<A>; fields: Fields }) => Promise<R>;
};

/**
 * useActionState's signature. The previous state is not read, so any form state fits; the FormData is
 * optional so a form with no fields (one button) fits too.
 */
type FormAction<R extends ActionResult, Values> = (
  previous: FormState<unknown>,
  form?: FormData,
) => Promise<(R | ActionFailure) & { values?: Values }>;

function textFields(form: FormData): TextFields {
  const fields: TextFields = {};
  for (const [name, value] of form) if (typeof value === "string") fields[name] ??= value;
  return fields;
}

export function defineAction<
  A extends ActionAuth,
  S extends z.ZodType,
  R extends ActionResult,
  Fields = TextFields,
  Values = never,
>(spec: ActionSpec<A, S, R, Fields, Values>): FormAction<R, Values> {
  return async (_previous, form = new FormData()) => {
    const fields = (spec.fields ?? textFields)(form) as Fields;
    const values = spec.values?.(fields);
    const answer = <T extends ActionResult>(result: T) => (values === undefined ? result : { ...result, values });
    try {
      const user = spec.auth === "none" ? null : await currentUser();
      const refusal = refuse(spec.auth, user, spec.signedOut);
      if (refusal) return answer(refusal);
      const parsed = spec.input.safeParse(fields);
      if (!parsed.success) return answer(inputFailure(parsed.error));
      return answer(await spec.run(parsed.data, { user: user as UserFor<A>, fields }));
    } catch (error) {
      // redirect(), notFound() and friends are thrown; they are Next's to handle, not failures.
      unstable_rethrow(error);
      console.error("[action] failed:", error);
      return answer(
        actionFailure(spec.failed ?? "Something went wrong; the server log has the details. Try again in a minute."),
      );
    }
  };
}

function refuse(auth: ActionAuth, user: SessionUser | null, signedOut = "Sign in first."): ActionFailure | null {
  if (auth === "admin") {
    const check = checkAdmin(user);
    return check.ok ? null : actionFailure(check.status === 401 ? signedOut : "Only admins can do this.");
  }
  return auth === "required" && !user ? actionFailure(signedOut) : null;
}
