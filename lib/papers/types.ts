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
};

export type PaperDetail = PaperSummary & {
  arxivId: string | null;
  /** The day (UTC) the title or abstract last changed, "YYYY-MM-DD". */
  updatedAt: string;
  /** Dates of the digests the paper appeared in, newest first. */
  digests: string[];
};

/**
 * How a list of papers is ordered. Each sort has its SQL in one Record<ListSort, ...> per list
 * (see digests.ts), so adding "trending" or "top" here makes the compiler point at every list to extend.
 */
export type ListSort = "digest" | "new";

export const LIST_SORTS: readonly ListSort[] = ["digest", "new"];
