// How a digest's selection is stored in the ledger's paper_ids: the top papers, then each topic section behind its tag id negated.
import type { DigestSelection } from "./select";

// One int[] keeps the row self-contained: a re-send after a crash must render byte-for-byte the same
// email (same idempotency key, same payload), so the email's structure cannot be recomputed from
// topics the subscriber may have changed since. Paper and tag ids are positive, so a negative number
// can only be a section marker.

export function encodePaperList(selection: DigestSelection): number[] {
  const list = [...selection.top];
  for (const section of selection.sections) list.push(-section.tagId, ...section.ids);
  return list;
}

export function decodePaperList(list: readonly number[]): DigestSelection {
  const selection: DigestSelection = { top: [], sections: [] };
  let current: number[] = selection.top;
  for (const value of list) {
    if (value < 0) {
      current = [];
      selection.sections.push({ tagId: -value, ids: current });
    } else current.push(value);
  }
  return selection;
}

/** Every paper the email carries, top first. */
export function papersIn(selection: DigestSelection): number[] {
  return [...selection.top, ...selection.sections.flatMap((section) => section.ids)];
}
