// One paper in a list: title (to its page), an abstract excerpt that expands on demand, link badges, date.
// A server component: the only client part is the excerpt's toggle, which gets the slug, never the paper.
// `data-paper-card` is what the j/k keyboard shortcuts move between; `data-paper-id` tells the page cache
// which papers a page shows (lib/http/entry-subjects.ts), so a change to one clears only those pages.
import Link from "next/link";
import type { PaperSummary } from "@/lib/papers/types";
import { AbstractExcerpt } from "./abstract-excerpt";
import { AuthorNames } from "./author-names";
import { formatDate } from "./format";
import { HighlightedText } from "./highlighted-text";
import { LinkBadges } from "./link-badges";
import { RankSignalBadges } from "./rank-signals";
import { TagList } from "./tag-list";

type CardProps = {
  paper: PaperSummary;
  /** Search terms to highlight in the title and abstract. */
  terms?: string[];
  /** The paper's place in a digest, shown before the title. */
  position?: number;
  /** h2 in a page's main list, h3 under a section heading (similar papers). */
  headingLevel?: 2 | 3;
  /** In a trending or top list: show the upvotes and saves behind the paper's place. */
  rankedBy?: "trending" | "top";
};

function PaperCard({ paper, terms, position, headingLevel = 2, rankedBy }: CardProps) {
  const titleId = `paper-title-${paper.id}`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article
      data-paper-card
      data-paper-id={paper.id}
      tabIndex={-1}
      aria-labelledby={titleId}
      className="-mx-3 scroll-mt-4 rounded-lg px-3 py-3 transition-colors focus-visible:bg-sky-50/60 dark:focus-visible:bg-sky-950/40"
    >
      <Heading
        id={titleId}
        className={`font-semibold leading-snug text-zinc-900 dark:text-zinc-50 ${headingLevel === 2 ? "text-base sm:text-lg" : "text-base"}`}
      >
        {position !== undefined && (
          <span className="mr-1.5 text-sm font-normal tabular-nums text-zinc-500 dark:text-zinc-400" aria-hidden="true">
            {position}.
          </span>
        )}
        <Link
          href={`/papers/${paper.slug}`}
          prefetch={false}
          data-paper-link
          className="rounded hover:text-sky-700 hover:underline hover:underline-offset-2 dark:hover:text-sky-300"
        >
          <HighlightedText text={paper.title} terms={terms} />
        </Link>
      </Heading>
      {paper.authorLinks && paper.authorLinks.length > 0 && (
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          <AuthorNames authors={paper.authorLinks} total={paper.authorCount} />
        </p>
      )}
      <AbstractExcerpt slug={paper.slug} text={paper.abstract} terms={terms} titleId={titleId} />
      <div className="mt-2.5 flex flex-wrap items-center gap-x-3 gap-y-2">
        <LinkBadges links={paper.links} />
        {paper.tags && paper.tags.length > 0 && (
          <TagList tags={paper.tags.map((tag) => ({ ...tag, mine: false }))} label="Tags" />
        )}
        {rankedBy && paper.signals && <RankSignalBadges signals={paper.signals} why={rankedBy} />}
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          First seen <time dateTime={paper.firstSeen.slice(0, 10)}>{formatDate(paper.firstSeen)}</time>
        </p>
      </div>
    </article>
  );
}

/** Cards a phone or laptop shows before scrolling: laid out at once, the rest when near the viewport. */
const FIRST_SCREEN_CARDS = 4;
/**
 * Cards past the first screen skip style and layout until scrolled near (content-visibility): a 100-card
 * page's first paint and hydration spent a third of their main-thread time laying out cards no one saw.
 * The reserved height is at least the tallest card measured (sample: 436 px on a 412 px phone, 300 px from
 * 640 px up): a skipped card keeps that height, so a taller card would overlap the next one for anything
 * that measures it unrendered (an accessibility checker's touch-target spacing); a shorter one only leaves
 * the scrollbar a little long until the card is first rendered (`auto` then remembers its real height).
 */
const SKIPPED_UNTIL_NEAR =
  "py-1 [content-visibility:auto] [contain-intrinsic-size:auto_28rem] sm:[contain-intrinsic-size:auto_19rem]";

export function PaperList({
  papers,
  terms,
  numbered = false,
  firstNumber = 1,
  headingLevel = 2,
  rankedBy,
}: {
  papers: PaperSummary[];
  terms?: string[];
  numbered?: boolean;
  /** The number of the first paper when the list is one page of a longer one. */
  firstNumber?: number;
  headingLevel?: 2 | 3;
  rankedBy?: CardProps["rankedBy"];
}) {
  return (
    <div className="divide-y divide-zinc-200 dark:divide-zinc-800">
      {papers.map((paper, index) => (
        // The divider sits on this wrapper so the card's rounded focus box does not bend it.
        <div key={paper.id} className={index < FIRST_SCREEN_CARDS ? "py-1" : SKIPPED_UNTIL_NEAR}>
          <PaperCard
            paper={paper}
            terms={terms}
            position={numbered ? firstNumber + index : undefined}
            headingLevel={headingLevel}
            rankedBy={rankedBy}
          />
        </div>
      ))}
    </div>
  );
}
