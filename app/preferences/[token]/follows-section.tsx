// The preferences page's authors and saved searches: add (while subscribed), list with newest papers, remove, and the digest sections.
import { ActionForm } from "@/components/action-form";
import { DigestSectionsForm } from "@/components/digest-sections-form";
import { FollowsPanel } from "@/components/follows-panel";
import { inputClass } from "@/components/ui/field";
import { followedAuthors } from "@/lib/follows/authors";
import { ownerForToken } from "@/lib/follows/owner";
import { digestSections } from "@/lib/follows/sections";
import { MAX_SEARCH_NAME } from "@/lib/saved-searches/input";
import { savedSearches } from "@/lib/saved-searches/store";
import {
  followAuthorByTokenAction,
  removeSavedSearchByTokenAction,
  saveDigestSectionsByTokenAction,
  saveSearchByTokenAction,
  unfollowAuthorByTokenAction,
} from "../follow-actions";

const field = `mt-1 px-2 py-1.5 ${inputClass}`;

export async function TokenFollowsSection({ token, active }: { token: string; active: boolean }) {
  const found = await ownerForToken(token, { adding: false });
  if (!found.ok) return null;
  const [authors, searches, sections] = await Promise.all([
    followedAuthors(found.owner),
    savedSearches(found.owner),
    digestSections({ token }),
  ]);
  const hidden = { token };
  return (
    <section aria-labelledby="follows-heading" className="space-y-6">
      <h2 id="follows-heading" className="text-lg font-semibold">
        Authors and saved searches
      </h2>
      {active && (
        <div className="space-y-4">
          <ActionForm action={followAuthorByTokenAction} hidden={hidden} label="Follow" name="Follow an author">
            <label className="flex flex-col text-sm">
              <span className="font-medium">Follow an author</span>
              <input name="author" required maxLength={200} placeholder="e.g. Ada Lovelace" className={field} />
            </label>
          </ActionForm>
          <ActionForm action={saveSearchByTokenAction} hidden={hidden} label="Save search" name="Save a search">
            <label className="flex flex-col text-sm">
              <span className="font-medium">Search words</span>
              <input
                name="q"
                maxLength={500}
                placeholder='e.g. video benchmark, author:"Ada Lovelace"'
                className={field}
              />
            </label>
            <label className="flex flex-col text-sm">
              <span className="font-medium">Name</span>
              <input name="name" maxLength={MAX_SEARCH_NAME} className={field} />
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="hasCode" value="1" className="size-4 accent-sky-700" /> Has code
            </label>
          </ActionForm>
        </div>
      )}
      <FollowsPanel
        authors={authors}
        searches={searches}
        unfollow={unfollowAuthorByTokenAction}
        removeSearch={removeSavedSearchByTokenAction}
        hidden={hidden}
      />
      {sections && <DigestSectionsForm current={sections} save={saveDigestSectionsByTokenAction} hidden={hidden} />}
    </section>
  );
}
