// A person's tag change names what it changed on the catalogue channel itself, so web processes clear the
// pages showing that paper and that tag instead of every page (lib/http/catalogue-notice.ts). A count that
// moves (one more person on a tag the paper already shows) is no public change and names nothing.
import "server-only";
import type { Tx } from "../db/prisma";
import { CATALOGUE_CHANNEL, paperNotice } from "../http/catalogue-notice";

/**
 * Quiets the catalogue triggers for the rest of this transaction (migration
 * 20261212120000_page_cache_targeted_notify): its changes are announced by announceTagsOnPaper.
 */
export async function announceOwnChanges(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT set_config('paperpulse.announced', 'on', true)`;
}

/** The tags that appeared on or left the paper; delivered at commit, with the transaction's other writes. */
export async function announceTagsOnPaper(tx: Tx, paperId: number, tagIds: number[]): Promise<void> {
  if (tagIds.length === 0) return;
  await tx.$executeRaw`SELECT pg_notify(${CATALOGUE_CHANNEL}, ${paperNotice(paperId)})`;
  await tx.$executeRaw`SELECT pg_notify(${CATALOGUE_CHANNEL}, 'tag:' || slug) FROM tag WHERE id = ANY(${tagIds}::int[])`;
}
