// What one catalogue notification names, so a web process clears only the pages that show it: a paper
// (`paper:<id>`: its page and every list it is on), a tag (`tag:<slug>`: the tag's pages and /tags), papers
// whose similar lists changed (`similar:<id>,<id>,...`: those papers' own pages, the only ones showing the
// lists), or, for any other payload (the table name a trigger sends for imports and other bulk writes),
// everything.

export const CATALOGUE_CHANNEL = "paperpulse_catalogue";

export type CatalogueNotice =
  | { kind: "paper"; paperId: number }
  | { kind: "tag"; slug: string }
  | { kind: "similar"; paperIds: ReadonlySet<number> }
  | { kind: "all" };

export const EVERYTHING: CatalogueNotice = { kind: "all" };

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7999;
const SIMILAR_PREFIX = "similar:";

export function paperNotice(paperId: number): string {
  return `paper:${paperId}`;
}

/** `similar:` notices naming `paperIds`, as many as it takes to keep each payload under PostgreSQL's limit. */
export function similarNotices(paperIds: readonly number[]): string[] {
  const notices: string[] = [];
  let current = "";
  for (const id of paperIds) {
    const part = String(id);
    if (current && SIMILAR_PREFIX.length + current.length + 1 + part.length > MAX_PAYLOAD_BYTES) {
      notices.push(SIMILAR_PREFIX + current);
      current = "";
    }
    current = current ? `${current},${part}` : part;
  }
  if (current) notices.push(SIMILAR_PREFIX + current);
  return notices;
}

export function parseCatalogueNotice(payload: string): CatalogueNotice {
  const paper = /^paper:(\d{1,10})$/.exec(payload);
  if (paper) return { kind: "paper", paperId: Number(paper[1]) };
  const tag = /^tag:(.{1,200})$/s.exec(payload);
  if (tag) return { kind: "tag", slug: tag[1]! };
  const similar = /^similar:(\d{1,10}(?:,\d{1,10})*)$/.exec(payload);
  if (similar) return { kind: "similar", paperIds: new Set(similar[1]!.split(",").map(Number)) };
  return EVERYTHING;
}
