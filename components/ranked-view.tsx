// A catalogue-wide list on the home page (trending, newest, top of a period): heading, sort control, papers, pages.
import type { ReactNode } from "react";
import type { RankedPage } from "@/lib/papers/ranked";
import { formatCount, formatLongDate } from "./format";
import { Pagination } from "./pagination";
import { PaperList } from "./paper-card";
import { HomeSortControl, homeHref } from "./sort-control";

/** What the list is, in words: the heading says which papers, the line under it how they are ordered. */
function describe(list: RankedPage): { eyebrow: string; heading: ReactNode; order: string; empty: string } {
  if (list.sort === "trending") {
    return {
      eyebrow: "Trending",
      heading: "Trending papers",
      order: "Upvotes, saves and tags, fading by half every two days since a paper was first seen.",
      empty: "No papers yet.",
    };
  }
  if (list.sort === "new") {
    return {
      eyebrow: "New",
      heading: "Newest papers",
      order: "By the day they first appeared in a digest.",
      empty: "No papers yet.",
    };
  }
  // Windows end at the latest digest, not today: say so, or an old catalogue's "week" would puzzle.
  const to = list.range ? <time dateTime={list.range.to}>{formatLongDate(list.range.to)}</time> : null;
  const period =
    list.window === "all" || !to ? (
      <>of all time</>
    ) : (
      <>
        of the {list.window} to {to}
      </>
    );
  return {
    eyebrow: "Top",
    heading: <>Top papers {period}</>,
    order: "Most upvoted first.",
    empty: list.window === "all" ? "No papers yet." : `No papers were first seen in that ${list.window}.`,
  };
}

export function RankedView({ list }: { list: RankedPage }) {
  const text = describe(list);
  const window = list.window ?? undefined;
  const pageHref = (page: number) => homeHref({ sort: list.sort, window, page });
  return (
    <section aria-labelledby="list-heading">
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-sky-700 dark:text-sky-300">{text.eyebrow}</p>
        <h1 id="list-heading" className="text-2xl font-bold tracking-tight sm:text-3xl">
          {text.heading}
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {formatCount(list.total)}
          {list.truncated ? "+" : ""} {list.total === 1 ? "paper" : "papers"}. {text.order}
        </p>
      </div>
      <div className="mt-4 flex flex-col gap-3 border-b border-zinc-200 pb-4 sm:flex-row sm:justify-end dark:border-zinc-800">
        <HomeSortControl current={list.sort} window={window} />
      </div>
      {list.papers.length === 0 ? (
        <p className="py-8 text-zinc-600 dark:text-zinc-400">{text.empty}</p>
      ) : (
        <PaperList
          papers={list.papers}
          numbered={list.sort !== "new"}
          firstNumber={list.offset + 1}
          rankedBy={list.sort === "new" ? undefined : list.sort}
        />
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        previousHref={list.page > 1 ? pageHref(list.page - 1) : null}
        nextHref={list.page < list.pageCount ? pageHref(list.page + 1) : null}
      />
    </section>
  );
}
