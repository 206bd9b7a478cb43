// The topics a subscriber can follow: the TOPIC tags in the tag table, looked up by slug.
import "server-only";
import { db } from "../db/prisma";
import type { FieldErrors } from "./subscribe-input";

export type TopicOption = { slug: string; name: string };

/** Every topic tag, by name: the checkboxes on /subscribe, /preferences and /me. */
export async function topicTags(): Promise<TopicOption[]> {
  return db().tag.findMany({ where: { kind: "TOPIC" }, select: { slug: true, name: true }, orderBy: { name: "asc" } });
}

export type ResolvedTopic = TopicOption & { id: number };
export type ResolvedTopics =
  { ok: true; tags: ResolvedTopic[] } | { ok: false; error: string; fieldErrors: FieldErrors };

/** Tag ids for topic slugs; a slug that is not a topic (a typo, a person's own tag, a forged form) is an error naming it. */
export async function resolveTopics(slugs: string[]): Promise<ResolvedTopics> {
  if (slugs.length === 0) return { ok: true, tags: [] };
  const found = await db().tag.findMany({
    where: { kind: "TOPIC", slug: { in: slugs } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const known = new Set(found.map((tag) => tag.slug));
  const unknown = slugs.filter((slug) => !known.has(slug));
  if (unknown.length > 0) {
    const names = unknown.map((slug) => `"${slug.slice(0, 80)}"`).join(", ");
    const error = `There is no topic ${names}. Choose topics from the list on /subscribe.`;
    return { ok: false, error, fieldErrors: { topics: error } };
  }
  return { ok: true, tags: found };
}
