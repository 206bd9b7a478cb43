// One digest day as a page body: heading, date navigation, sort control, the papers.
import type { ReactNode } from "react";
import type { DigestPage } from "@/lib/papers/digests";
import type { ListSort } from "@/lib/papers/types";
import { DigestNav } from "./digest-nav";
import { formatLongDate } from "./format";
import { Pagination } from "./pagination";
import { PaperList } from "./paper-card";
import { SortControl } from "./sort-control";

/** `?page=` as a page number; anything odd is page 1 (the query clamps past-the-end pages). */
export function pageNumber(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** How many recent digest dates the date list offers. */
export const DIGEST_DATE_LIST_LIMIT = 60;

export type DigestViewProps = {
  digest: DigestPage;
  dates: { date: string; papers: number }[];
  sort: ListSort;
  /** Where the sort links point: "/" on the home page, "/digests/DATE" on a day's page. */
  basePath: string;
  latest: boolean;
  /** The home page offers its catalogue-wide orders here; digest pages get digest order / newest. */
  sortControl?: ReactNode;
};

export function DigestView({ digest, dates, sort, basePath, latest, sortControl }: DigestViewProps) {
  const count = digest.total;
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (sort !== "digest") params.set("sort", sort);
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  return (
    <section aria-labelledby="digest-heading">
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-sky-700 dark:text-sky-300">
          {latest ? "Latest digest" : "Daily digest"}
        </p>
        <h1 id="digest-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
          Papers of <time dateTime={digest.date}>{formatLongDate(digest.date)}</time>
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {count} {count === 1 ? "paper" : "papers"}
        </p>
      </div>
      <div className="mt-4 flex flex-col gap-3 border-b border-zinc-200 pb-4 sm:flex-row sm:items-center sm:justify-between dark:border-zinc-800">
        <DigestNav date={digest.date} previous={digest.previous} next={digest.next} dates={dates} sort={sort} />
        {sortControl ?? <SortControl basePath={basePath} current={sort} />}
      </div>
      {count === 0 ? (
        <p className="py-8 text-zinc-600 dark:text-zinc-400">This digest has no papers.</p>
      ) : (
        <PaperList papers={digest.papers} numbered={sort === "digest"} firstNumber={digest.offset + 1} />
      )}
      <Pagination
        page={digest.page}
        pageCount={digest.pageCount}
        previousHref={digest.page > 1 ? pageHref(digest.page - 1) : null}
        nextHref={digest.page < digest.pageCount ? pageHref(digest.page + 1) : null}
      />
    </section>
  );
}
