// /authors/SLUG: one author's papers, newest first and paged, how many, their topics, their feed, and Follow.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { pageNumber } from "@/components/digest-view";
import { FollowAuthor } from "@/components/follow-author";
import { FollowAuthorLive } from "@/components/follow-author-live";
import { Pagination } from "@/components/pagination";
import { PaperList } from "@/components/paper-card";
import { authorPath, authorSearchText } from "@/lib/authors/key";
import { authorBySlug, authorPage } from "@/lib/authors/queries";
import { SignedInSwitch } from "@/components/signed-in-switch";
import { followAuthorAction, unfollowAuthorAction } from "../actions";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const loadAuthor = cache(async (slug: string) => authorBySlug(slug));

function pageHref(slug: string, page: number): string {
  return `${authorPath(slug)}${page > 1 ? `?page=${page}` : ""}`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const author = await loadAuthor(slug);
  if (!author) return { title: "Author not found" };
  return {
    title: `${author.name}: papers`,
    description: `${author.paperCount} ${author.paperCount === 1 ? "paper" : "papers"} by ${author.name} in the PaperPulse catalogue.`,
    alternates: {
      canonical: authorPath(author.slug),
      types: {
        "application/rss+xml": [
          { url: `${authorPath(author.slug)}/feed.xml`, title: `PaperPulse: papers by ${author.name}` },
        ],
      },
    },
  };
}

export default async function AuthorPage({ params, searchParams }: Props) {
  await connection(); // the catalogue changes at import time
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const result = await authorPage(slug, pageNumber(query.page));
  if (!result) notFound();
  const { author, topics } = result;

  return (
    <section aria-labelledby="author-heading">
      <p className="text-sm font-medium text-sky-700 dark:text-sky-300">Author</p>
      <div className="mt-1 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 id="author-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
          {author.name}
        </h1>
        <a
          href={`${authorPath(author.slug)}/feed.xml`}
          className="inline-flex items-center gap-1 text-sm text-orange-700 hover:underline dark:text-orange-300"
        >
          RSS feed<span className="sr-only"> of papers by {author.name}</span>
        </a>
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {author.paperCount.toLocaleString("en")} {author.paperCount === 1 ? "paper" : "papers"} ·{" "}
        <Link
          href={`/search?q=${encodeURIComponent(authorSearchText(author.name))}`}
          className="underline underline-offset-2"
        >
          search within them
        </Link>
      </p>
      <div className="mt-3">
        {/* The same page for every reader: whether I follow comes from /api/me/state. */}
        <SignedInSwitch
          signedIn={
            <FollowAuthorLive
              slug={author.slug}
              name={author.name}
              returnTo={authorPath(author.slug)}
              follow={followAuthorAction}
              unfollow={unfollowAuthorAction}
            />
          }
          signedOut={
            <FollowAuthor
              slug={author.slug}
              name={author.name}
              following={null}
              returnTo={authorPath(author.slug)}
              follow={followAuthorAction}
              unfollow={unfollowAuthorAction}
            />
          }
        />
      </div>
      <p className="mt-2 max-w-prose text-xs text-zinc-600 dark:text-zinc-400">
        Papers are matched by name (ignoring case, accents and punctuation), so two people with the same name share this
        page.
      </p>

      {topics.length > 0 && (
        <section aria-labelledby="author-topics-heading" className="mt-6">
          <h2 id="author-topics-heading" className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
            Publishes in
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {topics.map((topic) => (
              <li key={topic.slug}>
                <Link
                  href={`/tags/${topic.slug}`}
                  prefetch={false}
                  className="inline-block rounded-full border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                >
                  {topic.name} <span className="text-zinc-500 dark:text-zinc-400">· {topic.papers}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="mt-6 border-t border-zinc-200 dark:border-zinc-800">
        <PaperList papers={result.papers} numbered firstNumber={result.offset + 1} />
      </div>
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        previousHref={result.page > 1 ? pageHref(author.slug, result.page - 1) : null}
        nextHref={result.page < result.pageCount ? pageHref(author.slug, result.page + 1) : null}
      />
    </section>
  );
}
