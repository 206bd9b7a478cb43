// /me's "Following": followed authors and saved searches with their newest papers, and the digest sections they feed.
import { DigestSectionsForm } from "@/components/digest-sections-form";
import { FollowsPanel } from "@/components/follows-panel";
import { followedAuthors } from "@/lib/follows/authors";
import { ownerForUser } from "@/lib/follows/owner";
import { digestSections } from "@/lib/follows/sections";
import { savedSearches } from "@/lib/saved-searches/store";
import { unfollowAuthorAction } from "../../authors/actions";
import { removeSavedSearchAction, saveMyDigestSectionsAction } from "../follow-actions";

export async function FollowsSection({ userId }: { userId: string }) {
  const owner = ownerForUser(userId);
  const [authors, searches, sections] = await Promise.all([
    followedAuthors(owner),
    savedSearches(owner),
    digestSections({ userId }),
  ]);
  return (
    <div className="mt-3 space-y-6">
      <FollowsPanel
        authors={authors}
        searches={searches}
        unfollow={unfollowAuthorAction}
        removeSearch={removeSavedSearchAction}
      />
      {sections && <DigestSectionsForm current={sections} save={saveMyDigestSectionsAction} />}
    </div>
  );
}
