// What one catalogue notification names, so a web process clears only the pages that show it: a paper
// (`paper:<id>`: its page and every list it is on), a tag (`tag:<slug>`: the tag's pages and /tags), or,
// for any other payload (the table name a trigger sends for imports and other bulk writes), everything.

export const CATALOGUE_CHANNEL = "paperpulse_catalogue";

export type CatalogueNotice = { kind: "paper"; paperId: number } | { kind: "tag"; slug: string } | { kind: "all" };

export const EVERYTHING: CatalogueNotice = { kind: "all" };

export function paperNotice(paperId: number): string {
  return `paper:${paperId}`;
}

export function parseCatalogueNotice(payload: string): CatalogueNotice {
  const paper = /^paper:(\d{1,10})$/.exec(payload);
  if (paper) return { kind: "paper", paperId: Number(paper[1]) };
  const tag = /^tag:(.{1,200})$/s.exec(payload);
  if (tag) return { kind: "tag", slug: tag[1]! };
  return EVERYTHING;
}
