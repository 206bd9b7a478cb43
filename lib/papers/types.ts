// The shapes lib/papers hands to pages, API routes and feeds. Dates are "YYYY-MM-DD" strings.

export type LinkKind = "CODE" | "PROJECT" | "DATASET" | "OTHER";

export type PaperLinkView = { url: string; kind: LinkKind };

export type PaperSummary = {
  id: number;
  slug: string;
  title: string;
  abstract: string;
  /** The earliest digest the paper appeared in. */
  firstSeen: string;
  /** In the order the abstract mentions them. */
  links: PaperLinkView[];
  /** Set by the lists that rank by it (lib/papers/ranked.ts); other lists leave it out. */
  upvotes?: number;
  /** Set by the trending and top lists: the signals behind a paper's place, shown on its card. */
  signals?: RankSignals;
  /** Its top tags for a card: automatic topics first, then the most applied (at most CARD_TAGS). */
  tags?: CardTag[];
  /** Its first authors, each with their page's slug (null: a name with no letters), and how many it has. */
  authorLinks?: AuthorLink[];
  authorCount?: number;
};

export type AuthorLink = { name: string; slug: string | null };

/** Local upvotes and saves, tag applications, and Hugging Face's upvotes (lib/trending/score.ts weighs them). */
export type RankSignals = { upvotes: number; saves: number; tags: number; upstream: number };

export type CardTag = { slug: string; name: string; automatic: boolean; userCount: number };

export type PaperDetail = PaperSummary & {
  arxivId: string | null;
  /** Author names in order; empty when no imported format listed them. */
  authors: string[];
  /** Upvotes on Hugging Face's daily papers (0 when unknown), shown apart from local votes. */
  upstreamUpvotes: number;
  /** The day (UTC) the title or abstract last changed, "YYYY-MM-DD". */
  updatedAt: string;
  /** Dates of the digests the paper appeared in, newest first. */
  digests: string[];
};

/**
 * How one digest's papers are ordered (digest pages, and the home page's latest digest). Each sort has
 * its SQL in one Record<ListSort, ...> per list (see digests.ts), so a new one makes the compiler point
 * at every list to extend.
 */
export type ListSort = "digest" | "new";

export const LIST_SORTS: readonly ListSort[] = ["digest", "new"];

/** Catalogue-wide orders (lib/papers/ranked.ts), each walking its own index. */
export const RANKED_SORTS = ["trending", "new", "top"] as const;

export type RankedSort = (typeof RANKED_SORTS)[number];

/** Which papers "top" ranks: first seen in the week or month up to the latest digest, or all of them. */
export const TOP_WINDOWS = ["week", "month", "all"] as const;

export type TopWindow = (typeof TOP_WINDOWS)[number];

/** The home page's choices: the latest digest as listed, or a catalogue-wide order. */
export const HOME_SORTS = ["digest", ...RANKED_SORTS] as const;

export type HomeSort = (typeof HOME_SORTS)[number];
