// The one line a form answers with after its action: a status for success, an alert for a problem.
type Props = {
  id?: string;
  ok?: boolean;
  message?: string;
  error?: string;
  /** The errors the form already shows beside its fields: the same sentence is not repeated here. */
  fieldErrors?: Partial<Record<string, string>>;
};

export function FormMessage({ id, ok, message, error, fieldErrors }: Props) {
  if (error && !Object.values(fieldErrors ?? {}).includes(error)) {
    return (
      <p id={id} role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    );
  }
  // Rendered empty from the start: screen readers announce changes to a live region that already exists.
  return (
    <p id={id} role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
      {ok ? message : null}
    </p>
  );
}
