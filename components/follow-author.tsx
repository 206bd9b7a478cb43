// Follow or unfollow one author (the author page), or sign in to: the actions arrive as props.
import Link from "next/link";
import { ActionForm, type FormAction } from "./action-form";
import { signInHref } from "./sign-in-prompt";

type Props = {
  slug: string;
  name: string;
  /** Null when signed out. */
  following: boolean | null;
  /** Where sign-in comes back to. */
  returnTo: string;
  follow: FormAction;
  unfollow: FormAction;
};

export function FollowAuthor({ slug, name, following, returnTo, follow, unfollow }: Props) {
  if (following === null) {
    return (
      <Link
        href={signInHref(returnTo)}
        className="text-sm font-medium text-sky-700 underline underline-offset-2 dark:text-sky-300"
      >
        Sign in to follow {name}
      </Link>
    );
  }
  return following ? (
    <ActionForm
      action={unfollow}
      hidden={{ author: slug }}
      label={`Unfollow ${name}`}
      pendingLabel="Unfollowing…"
      name={`Unfollow ${name}`}
    />
  ) : (
    <ActionForm
      action={follow}
      hidden={{ author: slug }}
      label={`Follow ${name}`}
      pendingLabel="Following…"
      variant="primary"
      name={`Follow ${name}`}
    />
  );
}
