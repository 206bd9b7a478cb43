import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { pageNumber } from "@/components/digest-view";
import { Pagination } from "@/components/pagination";
import { PaperList } from "@/components/paper-card";
import { isTagSlug } from "@/lib/tags/slug";
import { papersByTag, papersPerMonth, tagBySlug } from "@/lib/tags/queries";
import { TAG_SORTS, type TagSort } from "@/lib/tags/types";
import { TagMonthChart } from "./_components/tag-month-chart";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const SORT_LABEL: Record<TagSort, string> = { new: "Newest", trending: "Trending", top: "Top" };
const DEFAULT_SORT: TagSort = "new";

function parseTagSort(raw: string | string[] | undefined): TagSort {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return TAG_SORTS.find((sort) => sort === value) ?? DEFAULT_SORT;
}

function tagHref(slug: string, sort: TagSort, page = 1): string {
  const params = new URLSearchParams();
  if (sort !== DEFAULT_SORT) params.set("sort", sort);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return `/tags/${slug}${query ? `?${query}` : ""}`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const tag = isTagSlug(slug) ? await tagBySlug(slug) : null;
  if (!tag) return { title: "Not found" };
  return {
    title: `${tag.name}: tagged papers`,
    description: tag.description ?? `Multimodal LLM papers tagged “${tag.name}”.`,
    alternates: {
      canonical: `/tags/${tag.slug}`,
      types: { "application/rss+xml": [{ url: `/tags/${tag.slug}/feed.xml`, title: `PaperPulse: ${tag.name}` }] },
    },
  };
}

export default async function TagPage({ params, searchParams }: Props) {
  await connection(); // the catalogue and the tags change at request time
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  if (!isTagSlug(slug)) notFound(); // "Video", "a b", "../x": never reaches the database
  const sort = parseTagSort(query.sort);
  const [result, months] = await Promise.all([
    papersByTag(slug, { sort, page: pageNumber(query.page) }),
    papersPerMonth(slug),
  ]);
  if (!result) notFound();
  const { tag } = result;
  return (
    <section aria-labelledby="tag-heading">
      <p className="text-sm font-medium text-sky-700 dark:text-sky-300">
        <Link href="/tags" className="hover:underline">
          Tags
        </Link>
        {tag.kind === "TOPIC" ? " · automatic topic" : " · from people"}
      </p>
      <div className="mt-1 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h1 id="tag-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
          {tag.name}
        </h1>
        <a
          href={`/tags/${tag.slug}/feed.xml`}
          className="inline-flex items-center gap-1 text-sm text-orange-700 hover:underline dark:text-orange-300"
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
            <circle cx="3" cy="13" r="2" />
            <path d="M1 6a9 9 0 0 1 9 9h-2.5A6.5 6.5 0 0 0 1 8.5zM1 1a14 14 0 0 1 14 14h-2.5A11.5 11.5 0 0 0 1 3.5z" />
          </svg>
          RSS feed<span className="sr-only"> of papers tagged {tag.name}</span>
        </a>
      </div>
      {tag.description && <p className="mt-1 max-w-prose text-zinc-700 dark:text-zinc-300">{tag.description}</p>}
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {result.total.toLocaleString("en")} {result.total === 1 ? "paper" : "papers"}
      </p>

      {months.length > 0 && (
        <section aria-labelledby="per-month-heading" className="mt-6">
          <h2 id="per-month-heading" className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">
            Papers per month (first seen)
          </h2>
          <div className="mt-2">
            <TagMonthChart months={months} subject={tag.name} />
          </div>
        </section>
      )}

      <div className="mt-6 flex items-center justify-end border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <nav aria-label="Sort papers" className="flex items-center gap-2 text-sm">
          <span className="text-zinc-600 dark:text-zinc-400" aria-hidden="true">
            Sort:
          </span>
          <ul className="flex rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-800">
            {TAG_SORTS.map((option) => (
              <li key={option}>
                <Link
                  href={tagHref(tag.slug, option)}
                  prefetch={false}
                  aria-current={option === sort ? "true" : undefined}
                  className={`block rounded-md px-2.5 py-1 ${
                    option === sort
                      ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
                      : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                  }`}
                >
                  {SORT_LABEL[option]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>

      {result.papers.length === 0 ? (
        <p className="py-8 text-zinc-600 dark:text-zinc-400">No papers carry this tag right now.</p>
      ) : (
        <PaperList papers={result.papers} />
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        previousHref={result.page > 1 ? tagHref(tag.slug, sort, result.page - 1) : null}
        nextHref={result.page < result.pageCount ? tagHref(tag.slug, sort, result.page + 1) : null}
      />
    </section>
  );
}
