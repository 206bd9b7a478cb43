// A word-level abstract diff as text: removed words in <del>, added words in <ins>, never as HTML from the file.
import type { DiffPart } from "@/lib/admin-import/diff";

export function AbstractDiff({ parts, label }: { parts: DiffPart[]; label: string }) {
  return (
    <p aria-label={label} className="whitespace-pre-wrap text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
      {parts.map((part, index) =>
        part.kind === "ins" ? (
          <ins
            key={index}
            className="rounded-sm bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
          >
            {part.text}
          </ins>
        ) : part.kind === "del" ? (
          <del key={index} className="rounded-sm bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100">
            {part.text}
          </del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}
