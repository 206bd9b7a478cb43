// Saved searches: save (at most MAX_SAVED_SEARCHES a person), remove, and the list with each one's newest papers.
import "server-only";
import { Prisma } from "../db/generated/client";
import { db } from "../db/prisma";
import { NEWEST_FIRST } from "../papers/newest-order";
import { paperSummaries } from "../papers/paper";
import type { PaperSummary } from "../papers/types";
import { inputFailure } from "../actions/result";
import { ownedBy, type Owner } from "../follows/owner";
import { MAX_SAVED_SEARCHES, readSavedQuery, savedSearchHref, savedSearchInput } from "./input";
import { savedSearchCondition } from "./match";

/** Newest papers shown under each saved search on /me and the preferences page. */
const SAVED_LIST_PAPERS = 3;

export type SaveSearchResult =
  { ok: true; message: string; id: number } | { ok: false; error: string; fieldErrors: Record<string, string> };
export type SavedSearchView = { id: number; name: string; query: string; href: string; newest: PaperSummary[] };

export async function saveSearch(owner: Owner, raw: unknown): Promise<SaveSearchResult> {
  const parsed = savedSearchInput.safeParse(raw);
  if (!parsed.success) return inputFailure(parsed.error);
  const { name, query } = parsed.data;
  const where = ownedBy(owner);
  return db().$transaction(async (tx) => {
    // One save at a time per owner, so two tabs cannot both pass the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`saved-search:${owner.userId ?? owner.subscriberId}`}))`;
    const same = await tx.savedSearch.findFirst({ where: { ...where, query }, select: { name: true } });
    if (same) return { ok: false as const, error: `This search is already saved as “${same.name}”.`, fieldErrors: {} };
    const count = await tx.savedSearch.count({ where });
    if (count >= MAX_SAVED_SEARCHES) {
      return {
        ok: false as const,
        error: `You have ${MAX_SAVED_SEARCHES} saved searches, the limit: remove one you no longer need, then save this one.`,
        fieldErrors: {},
      };
    }
    const row = await tx.savedSearch.create({ data: { ...where, name, query }, select: { id: true } });
    return { ok: true as const, message: `Saved “${name}”: its new papers come in your digest.`, id: row.id };
  });
}

/** Removing a search that is gone already (twice, or from an old page) is not an error. */
export async function removeSavedSearch(owner: Owner, id: number): Promise<{ ok: true; message: string }> {
  const row = await db().savedSearch.findFirst({ where: { ...ownedBy(owner), id }, select: { name: true } });
  if (!row) return { ok: true, message: "That saved search was already removed." };
  await db().savedSearch.deleteMany({ where: { ...ownedBy(owner), id } });
  return { ok: true, message: `Removed the saved search “${row.name}”.` };
}

/** The owner's saved searches, oldest first (the digest's order), each with its newest matching papers. */
export async function savedSearches(owner: Owner): Promise<SavedSearchView[]> {
  const rows = await db().savedSearch.findMany({
    where: ownedBy(owner),
    select: { id: true, name: true, query: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return Promise.all(
    rows.map(async (row) => {
      const ids = await db().$queryRaw<{ id: number }[]>(
        Prisma.sql`SELECT p.id FROM paper p WHERE TRUE ${savedSearchCondition(readSavedQuery(row.query))} ORDER BY ${NEWEST_FIRST} LIMIT ${SAVED_LIST_PAPERS}`,
      );
      return { ...row, href: savedSearchHref(row.query), newest: await paperSummaries(ids.map((r) => r.id)) };
    }),
  );
}
