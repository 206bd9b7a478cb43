"use client";
// Follow or unfollow one author on a page the same for every reader: whether I follow comes from
// /api/me/state, and each answer of the follow and unfollow actions updates it. Busy until then.
import type { FormState } from "@/lib/actions/result";
import type { FormAction } from "./action-form";
import { FollowAuthor } from "./follow-author";
import { useAuthor } from "./personal-state";
import { Button } from "./ui/button";

type Props = { slug: string; name: string; returnTo: string; follow: FormAction; unfollow: FormAction };

export function FollowAuthorLive({ slug, name, returnTo, follow, unfollow }: Props) {
  const { view, setFollowing } = useAuthor(slug);
  const following = view.authors[slug];
  if (following === undefined) {
    return (
      <Button variant="outline" size="sm" disabled aria-busy="true">
        Follow {name}
      </Button>
    );
  }
  /** The action's answer, and the follow state it leaves behind. */
  const tracking =
    (action: FormAction, after: boolean): FormAction =>
    async (previous: FormState<unknown>, form?: FormData) => {
      const result = await action(previous, form);
      if (result.ok) setFollowing(after);
      return result;
    };
  return (
    <FollowAuthor
      slug={slug}
      name={name}
      following={following}
      returnTo={returnTo}
      follow={tracking(follow, true)}
      unfollow={tracking(unfollow, false)}
    />
  );
}
