// Followed authors and saved searches, each with its newest papers and a way to remove it (/me and the preferences page).
import Link from "next/link";
import { authorPath } from "@/lib/authors/key";
import type { PaperSummary } from "@/lib/papers/types";
import { ActionForm, type FormAction } from "./action-form";

type Props = {
  authors: { slug: string; name: string; newest: PaperSummary[] }[];
  searches: { id: number; name: string; href: string; newest: PaperSummary[] }[];
  unfollow: FormAction;
  removeSearch: FormAction;
  /** Sent with every form (the preferences page's token). */
  hidden?: Record<string, string>;
};

const empty = "mt-2 text-sm text-zinc-600 dark:text-zinc-400";
const item = "rounded-lg border border-zinc-200 p-3 dark:border-zinc-800";

function Newest({ papers, none }: { papers: PaperSummary[]; none: string }) {
  if (papers.length === 0) return <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{none}</p>;
  return (
    <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm">
      {papers.map((paper) => (
        <li key={paper.id}>
          <Link
            href={`/papers/${paper.slug}`}
            prefetch={false}
            className="text-sky-800 hover:underline dark:text-sky-300"
          >
            {paper.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function FollowsPanel({ authors, searches, unfollow, removeSearch, hidden = {} }: Props) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="followed-authors-heading">
        <h3 id="followed-authors-heading" className="font-semibold">
          Followed authors
        </h3>
        {authors.length === 0 ? (
          <p className={empty}>You follow no authors yet: open an author’s page (from any paper) and choose Follow.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {authors.map((author) => (
              <li key={author.slug} className={item}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link
                    href={authorPath(author.slug)}
                    className="font-medium text-sky-800 hover:underline dark:text-sky-300"
                  >
                    {author.name}
                  </Link>
                  <ActionForm
                    action={unfollow}
                    hidden={{ ...hidden, author: author.slug }}
                    label="Unfollow"
                    name={`Unfollow ${author.name}`}
                  />
                </div>
                <Newest papers={author.newest} none="No papers yet." />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="saved-searches-heading">
        <h3 id="saved-searches-heading" className="font-semibold">
          Saved searches
        </h3>
        {searches.length === 0 ? (
          <p className={empty}>No saved searches yet: search, then choose “Save this search”.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {searches.map((search) => (
              <li key={search.id} className={item}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={search.href} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
                    {search.name}
                  </Link>
                  <ActionForm
                    action={removeSearch}
                    hidden={{ ...hidden, id: String(search.id) }}
                    label="Remove"
                    name={`Remove the saved search ${search.name}`}
                  />
                </div>
                <Newest papers={search.newest} none="No papers match it yet." />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
