// The BibTeX entry in a <pre> (readable and selectable without JavaScript) with a copy button.
import { CopyButton } from "./copy-button";

export function CiteBox({ bibtex }: { bibtex: string }) {
  return (
    <section aria-labelledby="cite-heading" className="mt-10">
      <div className="flex items-center justify-between gap-3">
        <h2 id="cite-heading" className="text-lg font-semibold">
          Cite
        </h2>
        <CopyButton text={bibtex} label="Copy BibTeX" />
      </div>
      <pre
        tabIndex={0}
        className="mt-3 whitespace-pre-wrap rounded-lg border [overflow-wrap:anywhere] border-zinc-200 bg-zinc-50 p-4 font-mono text-xs leading-relaxed text-zinc-800 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200"
      >
        {bibtex}
      </pre>
    </section>
  );
}
