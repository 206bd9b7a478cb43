// A card's abstract: whole when it is short, else its first ~240 characters cut at a word, with a control that
// brings the rest on demand (components/abstract-more.tsx). The paper page is where the whole abstract lives.
// Every character here travels twice (the HTML and the React payload that hydrates it) on every card of a
// list: 240 keeps a 100-paper digest's home page under 60 KB gzipped with room to spare (issue 14).
import { AbstractMore } from "./abstract-more";
import { excerpt } from "./format";
import { HighlightedText } from "./highlighted-text";

/** About three lines of the column on a wide screen, five on a phone. */
const EXCERPT_LENGTH = 240;
/** Abstracts up to this long are shown whole: a control that reveals a few more words is noise. */
const SHORT_ENOUGH = 300;

type Props = {
  slug: string;
  text: string;
  terms?: string[];
  /** The id of the card's title, which names the card's "Show full abstract" for screen readers. */
  titleId: string;
};

export function AbstractExcerpt({ slug, text, terms, titleId }: Props) {
  if (text.length <= SHORT_ENOUGH) {
    return (
      <p className="mt-1.5 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
        <HighlightedText text={text} terms={terms} />
      </p>
    );
  }
  return (
    <AbstractMore slug={slug} terms={terms} describedBy={titleId}>
      <HighlightedText text={excerpt(text, EXCERPT_LENGTH)} terms={terms} />
    </AbstractMore>
  );
}
