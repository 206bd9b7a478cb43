// A paper's code / project / dataset links as small badges, code first.
import type { LinkKind, PaperLinkView } from "@/lib/papers/types";

const LINK_KIND_LABEL: Record<LinkKind, string> = {
  CODE: "Code",
  PROJECT: "Project",
  DATASET: "Dataset",
  OTHER: "Link",
};
const KIND_ORDER: Record<LinkKind, number> = { CODE: 0, PROJECT: 1, DATASET: 2, OTHER: 3 };

const BADGE_STYLE: Record<LinkKind, string> = {
  CODE: "border-emerald-300 bg-emerald-50 text-emerald-800 hover:bg-emerald-100 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200 dark:hover:bg-emerald-900",
  PROJECT:
    "border-sky-300 bg-sky-50 text-sky-800 hover:bg-sky-100 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-200 dark:hover:bg-sky-900",
  DATASET:
    "border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200 dark:hover:bg-amber-900",
  OTHER:
    "border-zinc-300 bg-zinc-50 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800",
};

/** Links sorted code, project, dataset, other; stable within a kind. */
export function sortLinks(links: PaperLinkView[]): PaperLinkView[] {
  return links
    .map((link, index) => ({ link, index }))
    .sort((a, b) => KIND_ORDER[a.link.kind] - KIND_ORDER[b.link.kind] || a.index - b.index)
    .map(({ link }) => link);
}

export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
}

export function LinkBadges({ links }: { links: PaperLinkView[] }) {
  if (links.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Links">
      {sortLinks(links).map((link) => (
        <li key={link.url}>
          <a
            href={link.url}
            rel="noopener noreferrer"
            title={displayUrl(link.url)}
            className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${BADGE_STYLE[link.kind]}`}
          >
            {LINK_KIND_LABEL[link.kind]}
          </a>
        </li>
      ))}
    </ul>
  );
}
