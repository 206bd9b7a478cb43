// What the JSON API publishes about a paper: the catalogue's views plus the paper page's absolute URL,
// and nothing internal (row ids, search ranks).
import type { PaperDetail, PaperLinkView, PaperSummary } from "../papers/types";
import { paperUrl } from "../site-origin";

export type PaperListItemJson = {
  slug: string;
  title: string;
  abstract: string;
  firstSeen: string;
  links: PaperLinkView[];
  /** Only in the lists ranked by it (sort=trending, sort=top). */
  upvotes?: number;
  url: string;
};

export type PaperDetailJson = PaperListItemJson & { arxivId: string | null; authors: string[]; digests: string[] };

export function paperListItemJson(paper: PaperSummary, siteUrl: string): PaperListItemJson {
  return {
    slug: paper.slug,
    title: paper.title,
    abstract: paper.abstract,
    firstSeen: paper.firstSeen,
    links: paper.links.map(({ url, kind }) => ({ url, kind })),
    ...(paper.upvotes === undefined ? {} : { upvotes: paper.upvotes }),
    url: paperUrl(siteUrl, paper.slug),
  };
}

export function paperDetailJson(paper: PaperDetail, siteUrl: string): PaperDetailJson {
  return {
    ...paperListItemJson(paper, siteUrl),
    arxivId: paper.arxivId,
    authors: paper.authors,
    digests: paper.digests,
  };
}
