// A two-to-three line abstract excerpt that expands in place with no JavaScript (<details>/<summary>).
import { HighlightedText } from "./highlighted-text";

const SHORT_ENOUGH = 260; // characters that fit in about three lines of the column: no toggle needed

export function AbstractExcerpt({ text, terms }: { text: string; terms?: string[] }) {
  const body = <HighlightedText text={text} terms={terms} />;
  if (text.length <= SHORT_ENOUGH) {
    return <p className="mt-1.5 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">{body}</p>;
  }
  return (
    <details className="group mt-1.5">
      <summary className="excerpt-toggle cursor-pointer rounded text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        <span className="line-clamp-3 group-open:line-clamp-none">{body}</span>
        <span className="mt-0.5 inline-block text-xs font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
          <span className="group-open:hidden">Show full abstract</span>
          <span className="hidden group-open:inline">Show less</span>
        </span>
      </summary>
    </details>
  );
}
