import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { PaperList } from "@/components/paper-card";
import { Pagination } from "@/components/pagination";
import { parseSearchParams, type SearchQuery } from "@/lib/papers/search-params";
import { searchPapers, TOTAL_CAP, type SearchResult } from "@/lib/papers/search";
import { SignedInSwitch } from "@/components/signed-in-switch";
import { SaveSearch } from "./_components/save-search";
import { SearchForm } from "./_components/search-form";
import { saveSearchAction } from "./saved-search-actions";
import { SearchNotices, shortQuery } from "./_components/search-notices";
import { SearchTips } from "./_components/search-tips";

type RawParams = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<RawParams> };

/** The query as read from the URL; the page is lenient (bad values are clamped), unlike the API. */
function readQuery(raw: RawParams): SearchQuery {
  return readParams(raw).query;
}

function readParams(raw: RawParams): { query: SearchQuery; datesSwapped: boolean } {
  const parsed = parseSearchParams(raw);
  if (parsed.ok) return { query: parsed.query, datesSwapped: parsed.datesSwapped === true };
  return { query: { q: "", hasCode: false, page: 1, pageSize: 20 }, datesSwapped: false };
}

/** The URL of this search with some fields changed: how pagination, filters and the feed link stay shareable. */
function searchUrl(path: string, query: SearchQuery, changes: Partial<SearchQuery> = {}): string {
  const next = { ...query, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.hasCode) params.set("hasCode", "1");
  if (next.from) params.set("from", next.from);
  if (next.to) params.set("to", next.to);
  if (next.exhaustive) params.set("rank", "all");
  if (next.page > 1 && path === "/search") params.set("page", String(next.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function feedUrl(query: SearchQuery): string {
  return searchUrl("/search/feed.xml", query, { page: 1 });
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const query = readQuery(await searchParams);
  return {
    title: query.q ? `“${shortQuery(query.q)}”: search` : "Search",
    robots: { index: false },
    alternates: {
      types: {
        "application/rss+xml": [
          { url: feedUrl(query), title: query.q ? `PaperPulse: “${query.q}”` : "PaperPulse: latest papers" },
        ],
      },
    },
  };
}

export default async function SearchPage({ searchParams }: Props) {
  await connection(); // results depend on the catalogue at request time
  const { query, datesSwapped } = readParams(await searchParams);
  const result = await searchPapers(query);
  const hasFilters = query.hasCode || Boolean(query.from) || Boolean(query.to);
  const terms = result.mode === "latest" ? [] : result.terms;

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading" className="text-2xl font-bold tracking-tight [overflow-wrap:anywhere] sm:text-3xl">
        {query.q ? (
          <>
            Results for{" "}
            <q className="text-sky-800 dark:text-sky-300" title={query.q}>
              {shortQuery(query.q)}
            </q>
          </>
        ) : (
          "Search papers"
        )}
      </h1>

      <div className="mt-4">
        <SearchForm values={{ q: query.q, from: query.from, to: query.to, hasCode: query.hasCode }} />
      </div>
      <div className="mt-3">
        {/* No session is read: the page is the same for every reader, cached for all. */}
        <SignedInSwitch
          signedIn={
            <SaveSearch search={query} signedIn returnTo={searchUrl("/search", query)} save={saveSearchAction} />
          }
          signedOut={
            <SaveSearch
              search={query}
              signedIn={false}
              returnTo={searchUrl("/search", query)}
              save={saveSearchAction}
            />
          }
        />
      </div>
      <SearchNotices
        result={result}
        datesSwapped={datesSwapped}
        links={{
          suggestion:
            result.suggestion === null
              ? null
              : searchUrl("/search", query, { q: result.suggestion, page: 1, exhaustive: false }),
          searchAll: searchUrl("/search", query, { exhaustive: true, page: 1 }),
          usual: searchUrl("/search", query, { exhaustive: false, page: 1 }),
        }}
      />

      {result.mode === "latest" ? (
        <>
          <SearchTips />
          <div className="mt-8 flex items-baseline justify-between gap-3 border-b border-zinc-200 pb-2 dark:border-zinc-800">
            <h2 className="text-lg font-semibold">Latest papers{hasFilters ? " matching the filters" : ""}</h2>
            <FeedLink href={feedUrl(query)} />
          </div>
          {result.papers.length > 0 ? (
            <PaperList papers={result.papers} headingLevel={3} />
          ) : (
            <p className="py-6 text-zinc-600 dark:text-zinc-400">No papers match these filters.</p>
          )}
          <SearchPagination result={result} query={query} />
        </>
      ) : result.total === 0 ? (
        <NoResults
          query={query}
          hasFilters={hasFilters}
          withoutFilters={searchUrl("/search", query, { hasCode: false, from: undefined, to: undefined, page: 1 })}
        />
      ) : (
        <>
          <div
            className="mt-6 flex flex-wrap items-baseline justify-between gap-3 border-b border-zinc-200 pb-2 dark:border-zinc-800"
            role="status"
          >
            <p className="text-sm text-zinc-700 dark:text-zinc-300">
              <strong className="font-semibold text-zinc-900 dark:text-zinc-100">
                {result.total.toLocaleString("en")}
                {result.total >= TOTAL_CAP ? "+" : ""}
              </strong>{" "}
              {result.total === 1 ? "paper" : "papers"}
              {result.mode === "fuzzy"
                ? " with titles close to your words (no exact matches)"
                : result.mode === "closest"
                  ? " close to your words"
                  : " found"}
              {result.pageCount > 1 ? ` · page ${result.page} of ${result.pageCount}` : ""}
            </p>
            <FeedLink href={feedUrl(query)} />
          </div>
          <PaperList papers={result.papers} terms={terms} />
          <SearchPagination result={result} query={query} />
        </>
      )}
    </section>
  );
}

function SearchPagination({ result, query }: { result: SearchResult; query: SearchQuery }) {
  return (
    <Pagination
      page={result.page}
      pageCount={result.pageCount}
      previousHref={result.page > 1 ? searchUrl("/search", query, { page: result.page - 1 }) : null}
      nextHref={result.page < result.pageCount ? searchUrl("/search", query, { page: result.page + 1 }) : null}
    />
  );
}

function FeedLink({ href }: { href: string }) {
  return (
    <a
      href={href}
      className="inline-flex items-center gap-1 text-sm text-orange-700 hover:underline dark:text-orange-300"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 fill-current">
        <path d="M2 2a12 12 0 0 1 12 12h-2.4A9.6 9.6 0 0 0 2 4.4zm0 4.8A7.2 7.2 0 0 1 9.2 14H6.8A4.8 4.8 0 0 0 2 9.2zM3.6 11a1.6 1.6 0 1 1 0 3.2 1.6 1.6 0 0 1 0-3.2" />
      </svg>
      RSS feed of this search
    </a>
  );
}

function NoResults({
  query,
  hasFilters,
  withoutFilters,
}: {
  query: SearchQuery;
  hasFilters: boolean;
  withoutFilters: string;
}) {
  return (
    <div className="mt-8 rounded-lg border border-zinc-200 p-5 dark:border-zinc-800" role="status">
      <h2 className="text-lg font-semibold [overflow-wrap:anywhere]">
        No papers match <q title={query.q}>{shortQuery(query.q)}</q>
        {hasFilters ? " with these filters" : ""}
      </h2>
      <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm text-zinc-700 dark:text-zinc-300">
        {hasFilters && (
          <li>
            <Link
              href={withoutFilters}
              className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-300"
            >
              Search again without the filters
            </Link>
            .
          </li>
        )}
        <li>Check the spelling, or use fewer or more general words (“video” instead of “videos benchmark suite”).</li>
        <li>
          Allow either word with <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">OR</code>:{" "}
          <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">grounding OR segmentation</code>.
        </li>
        <li>
          Remove quotes or <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">-excluded</code> words.
        </li>
        <li>
          Browse the{" "}
          <Link href="/" className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-300">
            latest digest
          </Link>{" "}
          instead.
        </li>
      </ul>
    </div>
  );
}
