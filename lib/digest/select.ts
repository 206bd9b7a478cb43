// Who gets which papers: the pure digest selection, given the period's candidates and one subscriber (no database, no clock).

export type DigestCandidate = {
  id: number;
  /** "YYYY-MM-DD": the digest date the paper was first seen. */
  firstSeen: string;
  /** When the paper entered the catalogue (ms since epoch): compared with the subscriber's previous digest. */
  createdAt: number;
  /** Every tag on the paper; only the followed ones matter. */
  tagIds: readonly number[];
};

export type DigestReader = {
  /** Followed tags, in the order their sections appear. */
  topics: readonly number[];
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
  /** Papers per followed-topic section (default 3). */
  perTopic?: number;
  /** A first digest covers papers first seen on or after this day ("YYYY-MM-DD"). */
  firstDigestFrom: string;
};

export type DigestSelection = { top: number[]; sections: { tagId: number; ids: number[] }[] };

export const DEFAULT_TOP_N = 10;
export const DEFAULT_PER_TOPIC = 3;

/**
 * The trending part is the hottest `topN` new papers; each followed topic then gets its own hottest
 * new papers that are not already in the email (so a section adds, never repeats). `candidates` come
 * hottest first (trending_key DESC, id ASC); the result keeps that order. Null: nothing new, no email.
 */
export function selectDigestFor(reader: DigestReader, candidates: readonly DigestCandidate[], options: DigestSelectionOptions): DigestSelection | null {
  const topN = options.topN ?? DEFAULT_TOP_N;
  const perTopic = options.perTopic ?? DEFAULT_PER_TOPIC;
  const isNew = (paper: DigestCandidate) =>
    !reader.alreadySent.has(paper.id) &&
    (reader.previousDigestAt === null ? paper.firstSeen >= options.firstDigestFrom : paper.createdAt > reader.previousDigestAt);

  const top: number[] = [];
  const chosen = new Set<number>();
  const followed = new Map<number, number[]>(reader.topics.map((tagId) => [tagId, []]));
  let openSections = followed.size * (perTopic > 0 ? 1 : 0);

  for (const paper of candidates) {
    if (top.length >= topN && openSections === 0) break;
    if (!isNew(paper)) continue;
    if (top.length < topN) {
      top.push(paper.id);
      chosen.add(paper.id);
      continue;
    }
    // Past the trending part: the paper goes to the first followed topic it carries that still has room.
    for (const tagId of reader.topics) {
      const ids = followed.get(tagId)!;
      if (ids.length >= perTopic || !paper.tagIds.includes(tagId) || chosen.has(paper.id)) continue;
      ids.push(paper.id);
      chosen.add(paper.id);
      if (ids.length === perTopic) openSections -= 1;
      break;
    }
  }

  if (top.length === 0) return null;
  const sections = reader.topics.map((tagId) => ({ tagId, ids: followed.get(tagId)! })).filter((section) => section.ids.length > 0);
  return { top, sections };
}
