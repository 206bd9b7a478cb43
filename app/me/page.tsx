// /me: my upvotes, my reading list, my tags, what we recommend and why, and sign out.
import type { Metadata } from "next";
import Link from "next/link";
import { PaperList } from "@/components/paper-card";
import { Button } from "@/components/ui/button";
import { requireUserPage } from "@/lib/auth/require";
import { paperSummaries } from "@/lib/papers/paper";
import { recommendationsFor } from "@/lib/recommendations/for-user";
import { subscriptionForUser } from "@/lib/subscribers/queries";
import { topicTags } from "@/lib/subscribers/followed-topics";
import { tagsForUser } from "@/lib/tags/queries";
import { papersWithReaction } from "@/lib/votes/reactions";
import { FollowsSection } from "./_components/follows-section";
import { SubscriptionPanel } from "./_components/subscription-panel";
import { signOutAction } from "./actions";
import { saveMySubscriptionAction, unsubscribeMeAction } from "./subscription-actions";

export const metadata: Metadata = { title: "Me", robots: { index: false } };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const empty = "mt-2 text-sm text-zinc-600 dark:text-zinc-400";

export default async function MePage() {
  const user = await requireUserPage("/me");
  const [upvotedIds, savedIds, tags, recommended, subscription, topics] = await Promise.all([
    papersWithReaction(user.id, "upvote"),
    papersWithReaction(user.id, "save"),
    tagsForUser(user.id),
    recommendationsFor(user.id),
    subscriptionForUser(user.id),
    topicTags(),
  ]);
  const [upvoted, saved] = await Promise.all([paperSummaries(upvotedIds), paperSummaries(savedIds)]);

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Your papers</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Signed in as {user.email}
            {user.role === "ADMIN" ? " (admin)" : ""}
          </p>
        </div>
        <form action={signOutAction}>
          <Button type="submit" variant="outline" size="sm">
            Sign out
          </Button>
        </form>
      </div>

      <Section id="recommended-heading" title="Recommended for you">
        {recommended.length > 0 ? (
          <ol className="mt-3 space-y-4">
            {recommended.map(({ paper, reason }) => (
              <li key={paper.id}>
                <Link
                  href={`/papers/${paper.slug}`}
                  className="font-medium text-sky-800 hover:underline dark:text-sky-300"
                >
                  {paper.title}
                </Link>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {reason.charAt(0).toUpperCase() + reason.slice(1)}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p className={empty}>Upvote, save or tag a few papers and we will suggest similar ones here.</p>
        )}
      </Section>

      <Section id="saved-heading" title="Reading list">
        {saved.length > 0 ? (
          <PaperList papers={saved} headingLevel={3} />
        ) : (
          <p className={empty}>Nothing saved yet: use “Save” on a paper.</p>
        )}
      </Section>

      <Section id="upvoted-heading" title="Upvoted">
        {upvoted.length > 0 ? (
          <PaperList papers={upvoted} headingLevel={3} />
        ) : (
          <p className={empty}>No upvotes yet.</p>
        )}
      </Section>

      <Section id="following-heading" title="Following">
        <FollowsSection userId={user.id} />
      </Section>

      <Section id="subscription-heading" title="Email digest">
        <SubscriptionPanel
          email={user.email}
          subscription={subscription}
          topics={topics}
          save={saveMySubscriptionAction}
          unsubscribe={unsubscribeMeAction}
        />
      </Section>

      <Section id="tags-heading" title="Your tags">
        {tags.length > 0 ? (
          <ul className="mt-3 flex flex-wrap gap-2">
            {tags.map((tag) => (
              <li key={tag.slug}>
                <Link
                  href={`/tags/${tag.slug}`}
                  className="inline-block rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  {tag.name} <span className="text-zinc-500 dark:text-zinc-400">· {tag.paperCount}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className={empty}>You have not tagged any papers.</p>
        )}
      </Section>
    </div>
  );
}
