// Moving between digest days: previous / next day and a list of every digest date.
import Link from "next/link";
import type { ListSort } from "@/lib/papers/types";
import { formatDate } from "./format";
import { sortHref } from "./sort-control";

type DigestDate = { date: string; papers: number };

const STEP = "inline-flex items-center gap-1 rounded-md border px-2.5 py-1 text-sm";
const STEP_ACTIVE = `${STEP} border-zinc-300 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800`;
const STEP_DISABLED = `${STEP} border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400`;

export function DigestNav({
  date,
  previous,
  next,
  dates,
  sort,
}: {
  date: string;
  previous: string | null;
  next: string | null;
  dates: DigestDate[];
  sort: ListSort;
}) {
  return (
    <nav aria-label="Digest dates" className="relative flex flex-wrap items-center gap-2">
      {previous ? (
        <Link href={sortHref(`/digests/${previous}`, sort)} prefetch={false} rel="prev" className={STEP_ACTIVE}>
          <span aria-hidden="true">←</span> Previous day<span className="sr-only">: {formatDate(previous)}</span>
        </Link>
      ) : (
        <span className={STEP_DISABLED}>
          <span aria-hidden="true">←</span> Previous day
        </span>
      )}
      {next ? (
        <Link href={sortHref(`/digests/${next}`, sort)} prefetch={false} rel="next" className={STEP_ACTIVE}>
          Next day<span className="sr-only">: {formatDate(next)}</span> <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span className={STEP_DISABLED}>
          Next day <span aria-hidden="true">→</span>
        </span>
      )}
      <details className="group">
        <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm text-sky-700 hover:underline dark:text-sky-300 [&::-webkit-details-marker]:hidden">
          Digest dates ({dates.length}){" "}
          <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-180">
            ▾
          </span>
        </summary>
        <ul
          aria-label="Recent digest dates"
          className="absolute left-0 top-full z-10 mt-1 max-h-72 w-60 max-w-full overflow-y-auto rounded-lg border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          {dates.map((entry) => {
            const current = entry.date === date;
            return (
              <li key={entry.date}>
                <Link
                  href={sortHref(`/digests/${entry.date}`, sort)}
                  prefetch={false}
                  aria-current={current ? "true" : undefined}
                  className={`flex justify-between gap-3 rounded-md px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${
                    current ? "font-semibold" : ""
                  }`}
                >
                  <time dateTime={entry.date}>{formatDate(entry.date)}</time>
                  <span className="text-zinc-600 dark:text-zinc-400">
                    {entry.papers} {entry.papers === 1 ? "paper" : "papers"}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </details>
    </nav>
  );
}
