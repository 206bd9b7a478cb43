// The headings of planned sections: topic names and saved-search names read by id, remembered for a whole run.
import { loadTagNames } from "./catalogue";
import type { DigestSection, DigestSelection } from "./select";
import { sectionHeading } from "./wording";

export type SectionNamer = {
  /** Reads the names these selections' sections need and has not read yet. */
  load(selections: readonly DigestSelection[]): Promise<void>;
  /** The section's heading; a topic or saved search removed since planning gets a generic one. */
  heading(section: DigestSection): string;
};

/** Whatever runs statements for the catalogue reads (a pool or a checked-out client). */
type Queryable = Parameters<typeof loadTagNames>[0];

export function createSectionNamer(db: Queryable): SectionNamer {
  const topics = new Map<number, string>();
  const searches = new Map<number, string>();
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
  };
}
