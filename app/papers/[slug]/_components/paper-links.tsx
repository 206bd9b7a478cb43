// A paper's links on its own page: the code repository first as a clear button, then project pages, datasets, others.
import type { PaperLinkView } from "@/lib/papers/types";
import { displayUrl, sortLinks } from "@/components/link-badges";

const LABEL = { CODE: "Code", PROJECT: "Project page", DATASET: "Dataset", OTHER: "Link" } as const;

const PRIMARY =
  "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300 border-transparent";
const SECONDARY =
  "border-zinc-300 text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-200 dark:hover:bg-zinc-800";

export function PaperLinks({ links }: { links: PaperLinkView[] }) {
  if (links.length === 0) return null;
  const sorted = sortLinks(links);
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Paper links">
      {sorted.map((link, index) => (
        <li key={link.url} className="max-w-full">
          <a
            href={link.url}
            rel="noopener noreferrer"
            className={`inline-flex max-w-full items-center gap-2 rounded-lg border px-3 py-1.5 text-sm font-medium ${
              index === 0 && link.kind === "CODE" ? PRIMARY : SECONDARY
            }`}
          >
            <span>{LABEL[link.kind]}</span>
            <span className="truncate text-xs font-normal opacity-80">{displayUrl(link.url)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
