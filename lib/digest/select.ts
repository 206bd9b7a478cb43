// Who gets which papers: the pure digest selection, given the period's candidates and one subscriber (no database, no clock).

export type DigestCandidate = {
  id: number;
  /** "YYYY-MM-DD": the digest date the paper was first seen. */
  firstSeen: string;
  /** When the paper entered the catalogue (ms since epoch): compared with the subscriber's previous digest. */
  createdAt: number;
  /** Every tag on the paper; only the followed ones matter. */
  tagIds: readonly number[];
  /** author_key() of each of its authors (lib/authors/key.ts); only followed ones matter. */
  authorKeys?: readonly string[];
};

/** A saved search of the reader's, with the candidates it matches (run once per period for every reader who saved it). */
export type ReaderSearch = { id: number; matches: ReadonlySet<number> };

export type DigestReader = {
  /** Followed tags, in the order their sections appear. */
  topics: readonly number[];
  /**
   * "Only my topics": no trending part; the email is its sections alone, and the topics share the
   * trending part's room. Default false, "Trending plus my topics".
   */
  topicsOnly?: boolean;
  /** Followed authors' keys: one section, "New from authors you follow" (empty: the reader chose no such section). */
  authors?: readonly string[];
  /** Saved searches, each a section "New for your saved search <name>", in this order. */
  searches?: readonly ReaderSearch[];
  /** Papers this subscriber was already sent (only the candidates among them need to be here). */
  alreadySent: ReadonlySet<number>;
  /**
   * When the subscriber's previous digest was planned (ms since epoch), or null before their first
   * digest. Papers that entered the catalogue before then already had their chance.
   */
  previousDigestAt: number | null;
};

export type DigestSelectionOptions = {
  /** Papers in the trending part (default 10). */
  topN?: number;
  /** Papers per followed-topic and per saved-search section (default 3). */
  perTopic?: number;
  /** Papers in the followed-authors section (default 5). */
  perAuthors?: number;
  /** Papers in all sections together, after the trending part (default 10): an email stays a short read. */
  maxSectionPapers?: number;
  /** A first digest covers papers first seen on or after this day ("YYYY-MM-DD"). */
  firstDigestFrom: string;
};

/** A section after the trending part: a followed topic, the followed authors, or a saved search. */
export type DigestSection =
  { tagId: number; ids: number[] } | { followedAuthors: true; ids: number[] } | { searchId: number; ids: number[] };
export type DigestSelection = { top: number[]; sections: DigestSection[] };

const DEFAULT_TOP_N = 10;
const DEFAULT_PER_TOPIC = 3;
const DEFAULT_PER_AUTHORS = 5;
const DEFAULT_MAX_SECTION_PAPERS = 10;

/**
 * Where each tag's, each author's and each saved search's papers sit in the hottest-first candidate
 * list: built once per period and shared by every subscriber, so a section walks only its own papers
 * instead of every candidate (a sparse saved search would otherwise scan all 1,000 for each reader).
 */
export type CandidateIndex = {
  byTag: ReadonlyMap<number, readonly number[]>;
  byAuthor: ReadonlyMap<string, readonly number[]>;
  /** The positions of a saved search's matches, remembered per match set (one per distinct search). */
  positionsOf(matches: ReadonlySet<number>): readonly number[];
};

export function indexCandidates(candidates: readonly DigestCandidate[]): CandidateIndex {
  const byTag = new Map<number, number[]>();
  const byAuthor = new Map<string, number[]>();
  const position = new Map<number, number>();
  candidates.forEach((paper, i) => {
    position.set(paper.id, i);
    for (const tagId of paper.tagIds) (byTag.get(tagId) ?? byTag.set(tagId, []).get(tagId)!).push(i);
    for (const key of paper.authorKeys ?? []) (byAuthor.get(key) ?? byAuthor.set(key, []).get(key)!).push(i);
  });
  const searches = new WeakMap<ReadonlySet<number>, number[]>();
  return {
    byTag,
    byAuthor,
    positionsOf(matches) {
      let found = searches.get(matches);
      if (!found) {
        found = [...matches].flatMap((id) => (position.has(id) ? [position.get(id)!] : [])).sort((a, b) => a - b);
        searches.set(matches, found);
      }
      return found;
    },
  };
}

const NONE: readonly number[] = [];

/**
 * The trending part is the hottest `topN` new papers; then come the followed authors' section, one
 * section per saved search and one per followed topic, in that order, each with its own hottest new
 * papers not already in the email (a paper appears once, in the first section it belongs to), until
 * the sections hold `maxSectionPapers` together. With `topicsOnly` (and at least one topic) there is
 * no trending part: each topic takes up to `topN` / topics papers (at least `perTopic`) and the
 * sections hold up to `topN + maxSectionPapers`; the email is null when no section has a paper.
 * `candidates` come hottest first (trending_key DESC, id ASC); the result keeps that order.
 * Null: nothing new, no email.
 */
export function selectDigestFor(
  reader: DigestReader,
  candidates: readonly DigestCandidate[],
  options: DigestSelectionOptions,
  index: CandidateIndex = indexCandidates(candidates),
): DigestSelection | null {
  const topN = options.topN ?? DEFAULT_TOP_N;
  const perTopic = options.perTopic ?? DEFAULT_PER_TOPIC;
  const perAuthors = options.perAuthors ?? DEFAULT_PER_AUTHORS;
  let budget = options.maxSectionPapers ?? DEFAULT_MAX_SECTION_PAPERS;
  // Only my topics: the trending part's room goes to the topics, shared out between them.
  const topicsOnly = reader.topicsOnly === true && reader.topics.length > 0;
  const perFollowedTopic = topicsOnly ? Math.max(perTopic, Math.floor(topN / reader.topics.length)) : perTopic;
  if (topicsOnly) budget += topN;
  const isNew = (paper: DigestCandidate) =>
    !reader.alreadySent.has(paper.id) &&
    (reader.previousDigestAt === null
      ? paper.firstSeen >= options.firstDigestFrom
      : paper.createdAt > reader.previousDigestAt);

  const chosen = new Set<number>();
  const top: number[] = [];
  for (let i = 0; i < candidates.length && top.length < (topicsOnly ? 0 : topN); i++) {
    if (!isNew(candidates[i]!)) continue;
    top.push(candidates[i]!.id);
    chosen.add(i);
  }
  if (top.length === 0 && !topicsOnly) return null;

  // Past the trending part, each section in turn takes its hottest new papers not yet in the email: the
  // same as handing each paper, hottest first, to the first section that wants it and has room.
  const sections: DigestSection[] = [];
  const fill = (section: DigestSection, positions: readonly number[], room: number) => {
    for (const i of positions) {
      if (section.ids.length >= room || budget === 0) break;
      if (chosen.has(i) || !isNew(candidates[i]!)) continue;
      section.ids.push(candidates[i]!.id);
      chosen.add(i);
      budget -= 1;
    }
    if (section.ids.length > 0) sections.push(section);
  };
  const authors = [...new Set(reader.authors ?? [])];
  if (authors.length > 0) {
    const positions = [...new Set(authors.flatMap((key) => index.byAuthor.get(key) ?? NONE))].sort((a, b) => a - b);
    fill({ followedAuthors: true, ids: [] }, positions, perAuthors);
  }
  for (const search of reader.searches ?? [])
    fill({ searchId: search.id, ids: [] }, index.positionsOf(search.matches), perTopic);
  for (const tagId of reader.topics) fill({ tagId, ids: [] }, index.byTag.get(tagId) ?? NONE, perFollowedTopic);
  return top.length > 0 || sections.length > 0 ? { top, sections } : null;
}
