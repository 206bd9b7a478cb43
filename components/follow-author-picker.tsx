// "Follow an author of this paper": a choice of its authors and one button (the paper page); signed out, a sign-in link.
import type { AuthorLink } from "@/lib/papers/types";
import { ActionForm, type FormAction } from "./action-form";
import { SignInPrompt } from "./sign-in-prompt";
import { inputClass } from "./ui/field";

/** Names offered in the list: a consortium paper's thousand authors would make it unusable. */
const PICKER_AUTHORS = 100;

export function FollowAuthorPicker({
  authors,
  signedIn,
  returnTo,
  follow,
}: {
  authors: AuthorLink[];
  signedIn: boolean;
  returnTo: string;
  follow: FormAction;
}) {
  const choices = authors.filter((author) => author.slug !== null).slice(0, PICKER_AUTHORS);
  if (choices.length === 0) return null;
  if (!signedIn) return <SignInPrompt returnTo={returnTo} to="to follow this paper’s authors." />;
  return (
    <ActionForm action={follow} label="Follow" name="Follow an author of this paper">
      <label className="flex flex-col text-sm">
        <span className="font-medium">Follow an author of this paper</span>
        <select name="author" className={`mt-1 px-2 py-1.5 ${inputClass}`} defaultValue={choices[0]!.slug!}>
          {choices.map((author) => (
            <option key={author.slug} value={author.slug!}>
              {author.name}
            </option>
          ))}
        </select>
      </label>
    </ActionForm>
  );
}
