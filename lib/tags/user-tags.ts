// People's own tags on papers: add and remove one's applications, with every counter kept exact.
import "server-only";
import { db, type Tx } from "../db/prisma";
import { applySignalDelta } from "../trending/signals";
import { announceOwnChanges, announceTagsOnPaper } from "./announce";
import { paperTagsWith } from "./queries";
import { isTagSlug } from "./slug";
import { parseTagInput, TAGS_PER_PERSON_PER_PAPER } from "./tag-input";
import type { PaperTagView } from "./types";

export type AddTagsResult = { ok: true; tags: PaperTagView[] } | { ok: false; error: string };
export type RemoveTagResult = { ok: true; removed: boolean; tags: PaperTagView[] } | { ok: false; error: string };

const NO_PAPER = "That paper does not exist (it may have been removed).";
/** Long enough to queue behind other people tagging the same paper, short enough to fail visibly. */
const TRANSACTION = { maxWait: 5_000, timeout: 15_000 };

/**
 * Every tag action on a paper starts by locking the paper's row: actions on one paper queue (so the
 * per-person limit and the counters cannot race), and the lock order is always paper -> paper_tag
 * -> tag, the same as the importer's (lib/tags/apply-topics.ts), so they never deadlock.
 */
async function lockPaper(tx: Tx, paperId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM paper WHERE id = ${paperId} FOR NO KEY UPDATE`;
  return rows.length > 0;
}

/**
 * Applies the comma-separated names in `rawInput` to the paper as `userId`'s tags. A name whose slug
 * is a topic's applies that topic. Adding a tag one already applied changes nothing. Nothing is
 * written when any name is refused or the person would pass the per-paper limit.
 */
export async function addUserTags(userId: string, paperId: number, rawInput: string): Promise<AddTagsResult> {
  const parsed = parseTagInput(rawInput);
  if (!parsed.ok) return parsed;
  return db().$transaction(async (tx): Promise<AddTagsResult> => {
    if (!(await lockPaper(tx, paperId))) return { ok: false, error: NO_PAPER };
    await announceOwnChanges(tx);
    const mine = await tx.$queryRaw<{ slug: string }[]>`
      SELECT t.slug FROM paper_user_tag u JOIN tag t ON t.id = u.tag_id WHERE u.paper_id = ${paperId} AND u.user_id = ${userId}`;
    const have = new Set(mine.map((row) => row.slug));
    const fresh = parsed.tags.filter((tag) => !have.has(tag.slug));
    if (have.size + fresh.length > TAGS_PER_PERSON_PER_PAPER) {
      const room = TAGS_PER_PERSON_PER_PAPER - have.size;
      return {
        ok: false,
        error: `You can put at most ${TAGS_PER_PERSON_PER_PAPER} tags on one paper; you have ${have.size}, so ${room === 0 ? "remove one first" : `add at most ${room} more`}.`,
      };
    }
    if (fresh.length > 0) {
      // New names become USER tags; an existing slug (a topic, or someone else's tag) keeps its name and kind.
      await tx.$executeRaw`
        INSERT INTO tag (slug, name, kind)
        SELECT slug, name, 'USER' FROM unnest(${fresh.map((tag) => tag.slug)}::text[], ${fresh.map((tag) => tag.name)}::text[]) AS n(slug, name)
        ON CONFLICT (slug) DO NOTHING`;
      const applied = await tx.$queryRaw<{ tag_id: number }[]>`
        INSERT INTO paper_user_tag (paper_id, tag_id, user_id)
        SELECT ${paperId}, id, ${userId} FROM tag WHERE slug = ANY(${fresh.map((tag) => tag.slug)}::text[])
        ON CONFLICT DO NOTHING
        RETURNING tag_id`;
      const tagIds = applied.map((row) => row.tag_id);
      if (tagIds.length > 0) {
        // xmax = 0: the row was inserted, not updated, so the paper is new to the tag.
        const onPaper = await tx.$queryRaw<{ tag_id: number; inserted: boolean }[]>`
          INSERT INTO paper_tag (paper_id, tag_id, user_count)
          SELECT ${paperId}, tag_id, 1 FROM unnest(${tagIds}::int[]) AS n(tag_id)
          ON CONFLICT (paper_id, tag_id) DO UPDATE SET user_count = paper_tag.user_count + 1
          RETURNING tag_id, xmax = 0 AS inserted`;
        const newToTag = onPaper.filter((row) => row.inserted).map((row) => row.tag_id);
        if (newToTag.length > 0)
          await tx.$executeRaw`UPDATE tag SET paper_count = paper_count + 1 WHERE id = ANY(${newToTag}::int[])`;
        await announceTagsOnPaper(tx, paperId, newToTag);
        await applySignalDelta(tx, paperId, { tags: tagIds.length });
      }
    }
    return { ok: true, tags: await paperTagsWith(tx, paperId, userId) };
  }, TRANSACTION);
}

/** Takes back `userId`'s own application of the tag; another person's stays. A tag one never applied is a no-op. */
export async function removeUserTag(userId: string, paperId: number, tagSlug: string): Promise<RemoveTagResult> {
  return db().$transaction(async (tx): Promise<RemoveTagResult> => {
    if (!(await lockPaper(tx, paperId))) return { ok: false, error: NO_PAPER };
    await announceOwnChanges(tx);
    const removed = isTagSlug(tagSlug)
      ? await tx.$queryRaw<{ tag_id: number }[]>`
          DELETE FROM paper_user_tag u USING tag t
          WHERE t.slug = ${tagSlug} AND u.tag_id = t.id AND u.paper_id = ${paperId} AND u.user_id = ${userId}
          RETURNING u.tag_id`
      : [];
    const tagId = removed[0]?.tag_id;
    if (tagId !== undefined) {
      const [row] = await tx.$queryRaw<{ user_count: number; automatic: boolean }[]>`
        UPDATE paper_tag SET user_count = user_count - 1 WHERE paper_id = ${paperId} AND tag_id = ${tagId}
        RETURNING user_count, automatic`;
      // The last person took it back and the taxonomy does not apply it: the paper leaves the tag.
      if (row && row.user_count <= 0 && !row.automatic) {
        await tx.$executeRaw`DELETE FROM paper_tag WHERE paper_id = ${paperId} AND tag_id = ${tagId}`;
        await tx.$executeRaw`UPDATE tag SET paper_count = paper_count - 1 WHERE id = ${tagId}`;
        await announceTagsOnPaper(tx, paperId, [tagId]);
      }
      await applySignalDelta(tx, paperId, { tags: -1 });
    }
    return { ok: true, removed: tagId !== undefined, tags: await paperTagsWith(tx, paperId, userId) };
  }, TRANSACTION);
}
