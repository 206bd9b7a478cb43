// "Save this search": the search on screen (words and filters) under a name, for /me and the digest; signed out, a sign-in link.
import { ActionForm, type FormAction } from "@/components/action-form";
import { SignInPrompt } from "@/components/sign-in-prompt";
import { inputClass } from "@/components/ui/field";
import { MAX_SEARCH_NAME } from "@/lib/saved-searches/input";

type Search = { q: string; from?: string; to?: string; hasCode: boolean };

export function SaveSearch({
  search,
  signedIn,
  returnTo,
  save,
}: {
  search: Search;
  signedIn: boolean;
  returnTo: string;
  save: FormAction;
}) {
  if (!search.q && !search.from && !search.to && !search.hasCode) return null;
  if (!signedIn)
    return <SignInPrompt returnTo={returnTo} to="to save this search and get its new papers in your digest." />;
  const hidden: Record<string, string> = {
    q: search.q,
    hasCode: search.hasCode ? "1" : "",
    from: search.from ?? "",
    to: search.to ?? "",
  };
  return (
    <ActionForm action={save} hidden={hidden} label="Save this search" pendingLabel="Saving…" name="Save this search">
      <label className="flex flex-col text-sm">
        <span className="font-medium">Name</span>
        <input
          name="name"
          defaultValue={search.q.slice(0, MAX_SEARCH_NAME)}
          maxLength={MAX_SEARCH_NAME}
          className={`mt-1 px-2 py-1.5 ${inputClass}`}
        />
      </label>
    </ActionForm>
  );
}
