// The preview's changed papers: what each gains (text, authors, upvotes) and under which title the catalogue knows it.
import Link from "next/link";
import type { ChangedPaper } from "@/lib/admin-import/types";
import { AbstractDiff } from "./import-diff";

const muted = "text-sm text-zinc-600 dark:text-zinc-400";

/** "Adds authors and upstream upvotes" for a paper whose text stays; null when nothing but text changes. */
function describeAdds(paper: Pick<ChangedPaper, "adds" | "abstractDiff" | "titleBefore">): string | null {
  if (paper.adds.length === 0) return null;
  const what = paper.adds.join(" and ");
  const textStays = paper.abstractDiff.length === 0 && paper.titleBefore === null;
  return textStays ? `Only adds ${what}; its title and abstract stay.` : `Also adds ${what}.`;
}

export function ChangedPaperList({ papers, unit }: { papers: ChangedPaper[]; unit: "line" | "entry" }) {
  return (
    <ol className="mt-2 space-y-3">
      {papers.map((paper) => {
        const adds = describeAdds(paper);
        return (
          <li key={paper.line} className="space-y-1" data-changed-paper>
            <p className="text-sm font-medium">
              <span className="font-normal text-zinc-600 dark:text-zinc-400">
                {unit} {paper.line}:{" "}
              </span>
              <Link href={`/papers/${paper.slug}`} className="text-sky-800 hover:underline dark:text-sky-300">
                {paper.title}
              </Link>
            </p>
            {paper.knownAs !== null && (
              <p className={muted} data-known-as>
                Matched by its arXiv id: the catalogue knows it as &ldquo;{paper.knownAs}&rdquo;, and that title and its
                address stay.
              </p>
            )}
            {paper.titleBefore !== null && paper.knownAs === null && (
              <p className={muted}>Title was: {paper.titleBefore}</p>
            )}
            {adds && (
              <p className={muted} data-adds>
                {adds}
              </p>
            )}
            {paper.abstractDiff.length > 0 && (
              <AbstractDiff parts={paper.abstractDiff} label={`Changes to the abstract of ${paper.title}`} />
            )}
          </li>
        );
      })}
    </ol>
  );
}
