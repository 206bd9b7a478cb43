// The headings and why-lines of planned sections: topic names and saved-search names read by id, remembered
// for a whole run, and which followed author each paper is "New from".
import { loadTagNames } from "./catalogue";
import type { DigestPaper } from "./compose";
import type { DigestSection, DigestSelection } from "./select";
import { sectionHeading, sectionReason } from "./wording";

export type SectionNamer = {
  /** Reads the names these selections' sections need and has not read yet. */
  load(selections: readonly DigestSelection[]): Promise<void>;
  /** The section's heading; a topic or saved search removed since planning gets a generic one. */
  heading(section: DigestSection): string;
  /**
   * Each paper's line saying why it is there: "In your topic Video", "Matches your saved search X",
   * "New from Ada Lovelace" (the subscriber's followed authors on the paper: `subscriberId` names whose).
   */
  why(section: DigestSection, subscriberId?: number): (paper: DigestPaper) => string;
  /** Reads these subscribers' followed authors (key -> name), for why(); only called for selections with that section. */
  loadFollowedAuthors(subscriberIds: readonly number[]): Promise<void>;
};

/** Whatever runs statements for the catalogue reads (a pool or a checked-out client). */
type Queryable = Parameters<typeof loadTagNames>[0];

export function createSectionNamer(db: Queryable): SectionNamer {
  const topics = new Map<number, string>();
  const searches = new Map<number, string>();
  const followed = new Map<number, Map<string, string>>();
  return {
    async load(selections) {
      const sections = selections.flatMap((selection) => selection.sections);
      const tagIds = [...new Set(sections.flatMap((s) => ("tagId" in s ? [s.tagId] : [])))].filter(
        (id) => !topics.has(id),
      );
      const searchIds = [...new Set(sections.flatMap((s) => ("searchId" in s ? [s.searchId] : [])))].filter(
        (id) => !searches.has(id),
      );
      for (const [id, name] of await loadTagNames(db, tagIds)) topics.set(id, name);
      if (searchIds.length > 0) {
        const { rows } = await db.query<{ id: number; name: string }>(
          `SELECT id, name FROM saved_search WHERE id = ANY($1::int[])`,
          [searchIds],
        );
        for (const row of rows) searches.set(row.id, row.name);
      }
    },
    heading(section) {
      if ("followedAuthors" in section) return sectionHeading({ followedAuthors: true });
      if ("searchId" in section)
        return sectionHeading({ savedSearch: searches.get(section.searchId) ?? "(since removed)" });
      return sectionHeading({ topic: topics.get(section.tagId) ?? "a topic you follow" });
    },
    why(section, subscriberId) {
      if ("followedAuthors" in section) {
        const names =
          (subscriberId === undefined ? undefined : followed.get(subscriberId)) ?? new Map<string, string>();
        return (paper) => sectionReason({ authors: (paper.authorKeys ?? []).flatMap((key) => names.get(key) ?? []) });
      }
      const line =
        "searchId" in section
          ? sectionReason({ savedSearch: searches.get(section.searchId) ?? "(since removed)" })
          : sectionReason({ topic: topics.get(section.tagId) ?? "a topic you follow" });
      return () => line;
    },
    async loadFollowedAuthors(subscriberIds) {
      const ids = subscriberIds.filter((id) => !followed.has(id));
      if (ids.length === 0) return;
      // The same follows planning read (lib/digest/reader.ts): the subscription's own and its account's.
      const { rows } = await db.query<{ subscriber_id: number; author_key: string; name: string }>(
        `SELECT s.id AS subscriber_id, f.author_key, min(f.name) AS name
         FROM subscriber s JOIN author_follow f
           ON f.subscriber_id = s.id OR f.user_id = coalesce(s.user_id, (SELECT u.id FROM app_user u WHERE u.email = s.email))
         WHERE s.id = ANY($1::int[]) GROUP BY s.id, f.author_key`,
        [ids],
      );
      for (const id of ids) followed.set(id, new Map());
      for (const row of rows) followed.get(row.subscriber_id)!.set(row.author_key, row.name);
    },
  };
}
