import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { listTags, LISTED_USER_TAGS } from "@/lib/tags/queries";
import type { TagSummary } from "@/lib/tags/types";

export const metadata: Metadata = {
  title: "Tags",
  description: "Topics of multimodal LLM research, applied automatically at import, and the tags people added.",
  alternates: { canonical: "/tags" },
};

function count(n: number): string {
  return `${n.toLocaleString("en")} ${n === 1 ? "paper" : "papers"}`;
}

function TopicList({ tags }: { tags: TagSummary[] }) {
  return (
    <ul className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800">
      {tags.map((tag) => (
        <li key={tag.slug} className="py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3">
            <Link
              href={`/tags/${tag.slug}`}
              prefetch={false}
              className="font-semibold text-zinc-900 hover:text-sky-700 hover:underline dark:text-zinc-50 dark:hover:text-sky-300"
            >
              {tag.name}
            </Link>
            <span className="text-sm tabular-nums text-zinc-600 dark:text-zinc-400">{count(tag.paperCount)}</span>
          </div>
          {tag.description && <p className="mt-0.5 text-sm text-zinc-700 dark:text-zinc-300">{tag.description}</p>}
        </li>
      ))}
    </ul>
  );
}

export default async function TagsPage() {
  await connection(); // counts change with every import and every tag
  const tags = await listTags();
  const topics = tags.filter((tag) => tag.kind === "TOPIC");
  const people = tags.filter((tag) => tag.kind === "USER");
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Tags</h1>
        <p className="mt-1 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          Topics are applied automatically when a digest is imported, from the words of each paper’s title and abstract.
          People add their own tags on a paper’s page.
        </p>
      </div>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="text-lg font-semibold">
          Topics <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">(automatic)</span>
        </h2>
        {topics.length > 0 ? (
          <TopicList tags={topics} />
        ) : (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            No topics yet: they appear with the first imported digest.
          </p>
        )}
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading" className="text-lg font-semibold">
          Tags from people
        </h2>
        {people.length > 0 ? (
          <>
            <ul className="mt-3 flex flex-wrap gap-2">
              {people.map((tag) => (
                <li key={tag.slug}>
                  <Link
                    href={`/tags/${tag.slug}`}
                    prefetch={false}
                    className="inline-flex items-center gap-1.5 rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  >
                    {tag.name}
                    <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
                      <span aria-hidden="true">{tag.paperCount}</span>
                      <span className="sr-only">, {count(tag.paperCount)}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            {people.length === LISTED_USER_TAGS && (
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
                The {LISTED_USER_TAGS} most used tags are shown.
              </p>
            )}
          </>
        ) : (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Nobody has tagged a paper yet.</p>
        )}
      </section>
    </div>
  );
}
