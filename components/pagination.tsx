// Previous / next page links with "Page X of Y"; a missing neighbour is shown disabled, not as a dead link.
import Link from "next/link";

const STEP = "inline-flex items-center gap-1 rounded-md border px-3 py-1.5 text-sm";
const ACTIVE = `${STEP} border-zinc-300 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800`;
const DISABLED = `${STEP} border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400`;

export function Pagination({
  page,
  pageCount,
  previousHref,
  nextHref,
}: {
  page: number;
  pageCount: number;
  previousHref: string | null;
  nextHref: string | null;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav
      aria-label="Pagination"
      className="mt-6 flex items-center justify-between gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800"
    >
      {previousHref ? (
        <Link href={previousHref} rel="prev" className={ACTIVE}>
          <span aria-hidden="true">←</span> Previous
        </Link>
      ) : (
        <span className={DISABLED}>
          <span aria-hidden="true">←</span> Previous
        </span>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Page {page} of {pageCount}
      </p>
      {nextHref ? (
        <Link href={nextHref} rel="next" className={ACTIVE}>
          Next <span aria-hidden="true">→</span>
        </Link>
      ) : (
        <span className={DISABLED}>
          Next <span aria-hidden="true">→</span>
        </span>
      )}
    </nav>
  );
}
