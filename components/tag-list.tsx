// A paper's tags as links to their pages: automatic (topic) tags marked, with how many people applied each.
import Link from "next/link";
import type { PaperTagView } from "@/lib/tags/types";

type Props = {
  tags: Pick<PaperTagView, "slug" | "name" | "automatic" | "userCount" | "mine">[];
  /** Names the list for screen readers, e.g. "Tags" on a paper page. */
  label?: string;
};

const CHIP =
  "inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs hover:underline hover:underline-offset-2";
const AUTOMATIC = `${CHIP} border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100`;
const PEOPLE = `${CHIP} border-zinc-300 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200`;

export function TagList({ tags, label = "Tags" }: Props) {
  if (tags.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link
            href={`/tags/${encodeURIComponent(tag.slug)}`}
            prefetch={false}
            className={tag.automatic ? AUTOMATIC : PEOPLE}
          >
            {tag.automatic && (
              // A small "topic" mark; its meaning is spelled out for screen readers and on hover.
              <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3 fill-current opacity-80">
                <title>Automatic topic</title>
                <path d="M8 1l1.8 4.2L14 7l-4.2 1.8L8 13l-1.8-4.2L2 7l4.2-1.8z" />
              </svg>
            )}
            <span>{tag.name}</span>
            {tag.automatic && <span className="sr-only">(automatic topic)</span>}
            {tag.userCount > 0 && (
              <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
                <span aria-hidden="true">· {tag.userCount}</span>
                <span className="sr-only">
                  , applied by {tag.userCount} {tag.userCount === 1 ? "person" : "people"}
                  {tag.mine ? ", including you" : ""}
                </span>
              </span>
            )}
          </Link>
        </li>
      ))}
    </ul>
  );
}
