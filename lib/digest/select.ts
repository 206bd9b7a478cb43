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
  /** A first digest covers papers first seen on or after this day ("YYYY-MM-DD"). */
  firstDigestFrom: string;
};

/** A section after the trending part: a followed topic, the followed authors, or a saved search. */
export type DigestSection = { tagId: number; ids: number[] } | { followedAuthors: true; ids: number[] } | { searchId: number; ids: number[] };
export type DigestSelection = { top: number[]; sections: DigestSection[] };

const DEFAULT_TOP_N = 10;
const DEFAULT_PER_TOPIC = 3;
const DEFAULT_PER_AUTHORS = 5;

type OpenSection = { section: DigestSection; room: number; wants: (paper: DigestCandidate) => boolean };

/**
 * The trending part is the hottest `topN` new papers; then come the followed authors' section, one
 * section per saved search and one per followed topic, in that order, each with its own hottest new
 * papers not already in the email: a paper appears once, in the first section it belongs to.
 * `candidates` come hottest first (trending_key DESC, id ASC); the result keeps that order.
 * Null: nothing new, no email.
 */
export function selectDigestFor(reader: DigestReader, candidates: readonly DigestCandidate[], options: DigestSelectionOptions): DigestSelection | null {
  const topN = options.topN ?? DEFAULT_TOP_N;
  const perTopic = options.perTopic ?? DEFAULT_PER_TOPIC;
  const perAuthors = options.perAuthors ?? DEFAULT_PER_AUTHORS;
  const isNew = (paper: DigestCandidate) =>
    !reader.alreadySent.has(paper.id) &&
    (reader.previousDigestAt === null ? paper.firstSeen >= options.firstDigestFrom : paper.createdAt > reader.previousDigestAt);

  const open: OpenSection[] = [];
  const authors = new Set(reader.authors ?? []);
  if (authors.size > 0) open.push({ section: { followedAuthors: true, ids: [] }, room: perAuthors, wants: (paper) => (paper.authorKeys ?? []).some((key) => authors.has(key)) });
  for (const search of reader.searches ?? []) open.push({ section: { searchId: search.id, ids: [] }, room: perTopic, wants: (paper) => search.matches.has(paper.id) });
  for (const tagId of reader.topics) open.push({ section: { tagId, ids: [] }, room: perTopic, wants: (paper) => paper.tagIds.includes(tagId) });
  let openSections = open.filter((entry) => entry.room > 0).length;

  const top: number[] = [];
  for (const paper of candidates) {
    if (top.length >= topN && openSections === 0) break;
    if (!isNew(paper)) continue;
    if (top.length < topN) {
      top.push(paper.id);
      continue;
    }
    // Past the trending part: the paper goes to the first section that wants it and still has room.
    for (const entry of open) {
      if (entry.section.ids.length >= entry.room || !entry.wants(paper)) continue;
      entry.section.ids.push(paper.id);
      if (entry.section.ids.length === entry.room) openSections -= 1;
      break;
    }
  }

  if (top.length === 0) return null;
  return { top, sections: open.map((entry) => entry.section).filter((section) => section.ids.length > 0) };
}
