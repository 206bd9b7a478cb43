// Which personal sections the digest carries: new papers from followed authors, and from saved searches.
import type { FormState } from "@/lib/actions/result";
import { ActionForm } from "./action-form";

type FormAction = (previous: FormState<unknown>, form?: FormData) => Promise<FormState<unknown>>;

export function DigestSectionsForm({
  current,
  save,
  hidden = {},
}: {
  current: { authors: boolean; searches: boolean };
  save: FormAction;
  hidden?: Record<string, string>;
}) {
  return (
    <ActionForm
      action={save}
      hidden={hidden}
      label="Save digest sections"
      pendingLabel="Saving…"
      name="Digest sections"
      className="flex flex-col items-start gap-2"
    >
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">In the email digest, also send</legend>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="authors"
            value="1"
            defaultChecked={current.authors}
            className="size-4 accent-sky-700"
          />
          New from authors you follow
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="searches"
            value="1"
            defaultChecked={current.searches}
            className="size-4 accent-sky-700"
          />
          New for each of your saved searches
        </label>
      </fieldset>
    </ActionForm>
  );
}
