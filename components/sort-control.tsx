// The list's sort order as plain links (`?sort=…`): shareable, works without JavaScript.
// A new order (trending, top) added to ListSort / LIST_SORTS makes the compiler ask for its label here.
import Link from "next/link";
import { LIST_SORTS, type ListSort } from "@/lib/papers/types";

const SORT_LABEL: Record<ListSort, string> = { digest: "Digest order", new: "Newest" };

export const SORT_OPTIONS: readonly { value: ListSort; label: string }[] = LIST_SORTS.map((value) => ({ value, label: SORT_LABEL[value] }));

export const DEFAULT_SORT: ListSort = "digest";

/** The sort named in the URL, or the default for anything unknown. */
export function parseSort(raw: string | string[] | undefined): ListSort {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return SORT_OPTIONS.find((option) => option.value === value)?.value ?? DEFAULT_SORT;
}

export function sortHref(basePath: string, sort: ListSort): string {
  return sort === DEFAULT_SORT ? basePath : `${basePath}?sort=${sort}`;
}

export function SortControl({ basePath, current }: { basePath: string; current: ListSort }) {
  return (
    <nav aria-label="Sort papers" className="flex items-center gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400" aria-hidden="true">
        Sort:
      </span>
      <ul className="flex rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-800">
        {SORT_OPTIONS.map((option) => {
          const active = option.value === current;
          return (
            <li key={option.value}>
              <Link
                href={sortHref(basePath, option.value)}
                prefetch={false}
                aria-current={active ? "true" : undefined}
                className={`block rounded-md px-2.5 py-1 ${
                  active
                    ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
                }`}
              >
                {option.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
