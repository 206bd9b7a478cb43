// One paper in a list: title, abstract excerpt, link badges. Text is rendered as React text (escaped).
import type { DigestPaper } from "@/lib/papers/latest-digest";

const KIND_LABEL = { CODE: "Code", PROJECT: "Project", DATASET: "Dataset", OTHER: "Link" } as const;

export function PaperCard({ paper, position }: { paper: DigestPaper; position: number }) {
  return (
    <article className="border-b border-zinc-200 py-4 dark:border-zinc-800" aria-labelledby={`paper-${position}`}>
      <h2 id={`paper-${position}`} className="text-base font-semibold leading-snug">
        {paper.title}
      </h2>
      <p className="mt-1 line-clamp-3 text-sm text-zinc-600 dark:text-zinc-400">{paper.abstract}</p>
      {paper.links.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Links">
          {paper.links.map((link) => (
            <li key={link.url}>
              <a
                href={link.url}
                rel="noopener noreferrer"
                className="rounded-full border border-zinc-300 px-2 py-0.5 text-xs font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                {KIND_LABEL[link.kind]}
              </a>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
