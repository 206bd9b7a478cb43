// The shapes lib/tags hands to pages, route handlers and the lead's server actions.

type TagKind = "TOPIC" | "USER";

/** A tag on one paper, as its page shows it. */
export type PaperTagView = {
  slug: string;
  name: string;
  kind: TagKind;
  /** Applied from the topic taxonomy at import. */
  automatic: boolean;
  /** People who applied it to this paper. */
  userCount: number;
  /** Whether the viewer is one of them. */
  mine: boolean;
};

export type TagSummary = {
  slug: string;
  name: string;
  kind: TagKind;
  paperCount: number;
  /** The topic's one-line description (topics only). */
  description: string | null;
};

/** How a tag's papers are ordered: each walks its own index on paper (see queries.ts). */
export type TagSort = "new" | "trending" | "top";

export const TAG_SORTS: readonly TagSort[] = ["new", "trending", "top"];
