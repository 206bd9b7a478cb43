// The list's order as plain links (`?sort=…&window=…`): shareable, works without JavaScript.
// A new order added to ListSort / HOME_SORTS makes the compiler ask for its label here.
import Link from "next/link";
import { DEFAULT_HOME_SORT, DEFAULT_TOP_WINDOW } from "@/lib/papers/sort-params";
import { HOME_SORTS, LIST_SORTS, TOP_WINDOWS, type HomeSort, type ListSort, type TopWindow } from "@/lib/papers/types";

/** Within one digest (digest pages). */
const SORT_LABEL: Record<ListSort, string> = { digest: "Digest order", new: "Newest" };

/** On the home page: the latest digest, or the whole catalogue. */
const HOME_SORT_LABEL: Record<HomeSort, string> = { digest: "Digest", trending: "Trending", new: "New", top: "Top" };

const WINDOW_LABEL: Record<TopWindow, string> = { week: "Week", month: "Month", all: "All time" };

const SORT_OPTIONS: readonly { value: ListSort; label: string }[] = LIST_SORTS.map((value) => ({
  value,
  label: SORT_LABEL[value],
}));

const DEFAULT_SORT: ListSort = "digest";

/** The digest sort named in the URL, or the default for anything unknown. */
export function parseSort(raw: string | string[] | undefined): ListSort {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return SORT_OPTIONS.find((option) => option.value === value)?.value ?? DEFAULT_SORT;
}

export function sortHref(basePath: string, sort: ListSort): string {
  return sort === DEFAULT_SORT ? basePath : `${basePath}?sort=${sort}`;
}

/** A home page URL; defaults are left out so the plain "/" stays the canonical home. */
export function homeHref({ sort, window, page = 1 }: { sort: HomeSort; window?: TopWindow; page?: number }): string {
  const params = new URLSearchParams();
  if (sort !== DEFAULT_HOME_SORT) params.set("sort", sort);
  if (sort === "top" && window !== undefined && window !== DEFAULT_TOP_WINDOW) params.set("window", window);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/?${query}` : "/";
}

type Option = { key: string; href: string; label: string; active: boolean };

/** A labelled row of links, the current one marked with aria-current. */
function LinkGroup({ label, prefix, options }: { label: string; prefix: string; options: Option[] }) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400" aria-hidden="true">
        {prefix}
      </span>
      <ul className="flex flex-wrap rounded-lg border border-zinc-200 p-0.5 dark:border-zinc-800">
        {options.map((option) => (
          <li key={option.key}>
            <Link
              href={option.href}
              prefetch={false}
              aria-current={option.active ? "true" : undefined}
              className={`block rounded-md px-2.5 py-1 ${
                option.active
                  ? "bg-zinc-900 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
                  : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Digest order or newest first, within one digest day. */
export function SortControl({ basePath, current }: { basePath: string; current: ListSort }) {
  const options = SORT_OPTIONS.map(({ value, label }) => ({
    key: value,
    href: sortHref(basePath, value),
    label,
    active: value === current,
  }));
  return <LinkGroup label="Sort papers" prefix="Sort:" options={options} />;
}

/** The home page's orders; with "Top", a second row picks the window. */
export function HomeSortControl({ current, window }: { current: HomeSort; window?: TopWindow }) {
  const sorts = HOME_SORTS.map((value) => ({
    key: value,
    href: homeHref({ sort: value }),
    label: HOME_SORT_LABEL[value],
    active: value === current,
  }));
  const windows = TOP_WINDOWS.map((value) => ({
    key: value,
    href: homeHref({ sort: "top", window: value }),
    label: WINDOW_LABEL[value],
    active: value === window,
  }));
  return (
    <div className="flex flex-col gap-2 sm:items-end">
      <LinkGroup label="Sort papers" prefix="Sort:" options={sorts} />
      {current === "top" && <LinkGroup label="Top papers period" prefix="Period:" options={windows} />}
    </div>
  );
}
