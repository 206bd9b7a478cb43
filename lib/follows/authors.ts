// Following authors: follow by slug (or any spelling of the name), unfollow, and the list with each author's newest papers.
import "server-only";
import { authorBySlug, authorPaperIds } from "../authors/queries";
import { db } from "../db/prisma";
import { paperSummaries } from "../papers/paper";
import type { PaperSummary } from "../papers/types";
import { ownedBy, type Owner } from "./owner";

/** Newest papers shown under each followed author on /me and the preferences page. */
const FOLLOW_LIST_PAPERS = 3;
/** Follows per person; the digest's section holds a few papers, so more would only be noise. */
const MAX_FOLLOWS = 500;

export type FollowResult =
  { ok: true; message: string; slug: string } | { ok: false; status: 400 | 404; error: string };
export type FollowedAuthor = { key: string; slug: string; name: string; newest: PaperSummary[] };

export async function followAuthor(owner: Owner, slugOrName: string): Promise<FollowResult> {
  const author = await authorBySlug(slugOrName.trim());
  if (!author)
    return {
      ok: false,
      status: 404,
      error: `No author named “${slugOrName.trim().slice(0, 80)}” in the catalogue: check the spelling, or open a paper and follow from its author list.`,
    };
  const where = ownedBy(owner);
  const count = await db().authorFollow.count({ where });
  const existing = await db().authorFollow.findFirst({
    where: { ...where, authorKey: author.key },
    select: { id: true },
  });
  if (existing) return { ok: true, message: `You already follow ${author.name}.`, slug: author.slug };
  if (count >= MAX_FOLLOWS)
    return { ok: false, status: 400, error: `You follow ${MAX_FOLLOWS} authors, the limit: unfollow one first.` };
  await db().authorFollow.createMany({
    data: [{ ...where, authorKey: author.key, name: author.name }],
    skipDuplicates: true,
  });
  return { ok: true, message: `Following ${author.name}: their new papers come in your digest.`, slug: author.slug };
}

/** Unfollowing an author you do not follow (twice, or from an old page) is not an error: it is already done. */
export async function unfollowAuthor(owner: Owner, slugOrKey: string): Promise<{ ok: true; message: string }> {
  const rows = await db().$queryRaw<{ key: string }[]>`SELECT author_key(${slugOrKey}) AS key`;
  const key = rows[0]?.key ?? "";
  const removed = await db().authorFollow.findFirst({
    where: { ...ownedBy(owner), authorKey: key },
    select: { id: true, name: true },
  });
  if (!removed) return { ok: true, message: "Not followed (already removed)." };
  await db().authorFollow.deleteMany({ where: { id: removed.id } });
  return { ok: true, message: `Unfollowed ${removed.name}.` };
}

/** The owner's followed authors, by name, each with their newest papers. */
export async function followedAuthors(owner: Owner): Promise<FollowedAuthor[]> {
  const rows = await db().authorFollow.findMany({
    where: ownedBy(owner),
    select: { authorKey: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return Promise.all(
    rows.map(async (row) => ({
      key: row.authorKey,
      slug: row.authorKey.replace(/ /g, "-"),
      name: row.name,
      newest: await paperSummaries(await authorPaperIds(row.authorKey, FOLLOW_LIST_PAPERS, 0)),
    })),
  );
}
