// How a digest's selection is stored in the ledger's paper_ids: the top papers, then each section behind a negative marker.
import type { DigestSection, DigestSelection } from "./select";

// One int[] keeps the row self-contained: a re-send after a crash must render byte-for-byte the same
// email (same idempotency key, same payload), so the email's structure cannot be recomputed from
// topics, follows or saved searches the subscriber may have changed since. Paper ids are positive, so
// a negative number can only be a section marker: -tagId for a topic (tag ids stay below SEARCH_BASE),
// -(SEARCH_BASE + id) for a saved search, and the int4 minimum for the followed authors.

const SEARCH_BASE = 1_000_000_000;
const AUTHORS_MARKER = -2_147_483_648;

function marker(section: DigestSection): number {
  if ("followedAuthors" in section) return AUTHORS_MARKER;
  const [id, base] = "searchId" in section ? [section.searchId, SEARCH_BASE] : [section.tagId, 0];
  if (!Number.isInteger(id) || id <= 0 || id >= SEARCH_BASE)
    throw new Error(`digest section id ${id} out of range 1..${SEARCH_BASE - 1}`);
  return -(base + id);
}

function sectionFor(value: number): DigestSection {
  if (value === AUTHORS_MARKER) return { followedAuthors: true, ids: [] };
  return value <= -SEARCH_BASE ? { searchId: -value - SEARCH_BASE, ids: [] } : { tagId: -value, ids: [] };
}

export function encodePaperList(selection: DigestSelection): number[] {
  const list = [...selection.top];
  for (const section of selection.sections) list.push(marker(section), ...section.ids);
  return list;
}

export function decodePaperList(list: readonly number[]): DigestSelection {
  const selection: DigestSelection = { top: [], sections: [] };
  let current: number[] = selection.top;
  for (const value of list) {
    if (value < 0) {
      const section = sectionFor(value);
      current = section.ids;
      selection.sections.push(section);
    } else current.push(value);
  }
  return selection;
}

/** Every paper the email carries, top first. */
export function papersIn(selection: DigestSelection): number[] {
  return [...selection.top, ...selection.sections.flatMap((section) => section.ids)];
}
