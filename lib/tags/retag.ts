// Re-tags the whole catalogue after the taxonomy changed (`npm run tags -- retag`), in one transaction.
import type pg from "pg";
import type { Queryable } from "../db/queryable";
import { applyTopicTags, type TopicTagSummary } from "./apply-topics";
import { TOPICS, type Topic } from "./topic-taxonomy";

export type RetagSummary = TopicTagSummary & {
  /** Tags that were topics and are no longer in the taxonomy: now people's tags (their automatic tags are gone). */
  retired: string[];
  /** Share of papers with at least one topic, 0..1 (0 for an empty catalogue). */
  coverage: number;
};

/** `topics` is a parameter so tests (and a dry look at a draft taxonomy) can pass another list. */
export async function retagCatalogue(pool: pg.Pool, topics: readonly Topic[] = TOPICS): Promise<RetagSummary> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const summary = await applyTopicTags(client, "all", topics);
    const { rows } = await client.query<{ slug: string }>(
      `UPDATE tag SET kind = 'USER' WHERE kind = 'TOPIC' AND NOT (slug = ANY($1::text[])) RETURNING slug`,
      [topics.map((topic) => topic.slug)],
    );
    await client.query("COMMIT");
    return {
      ...summary,
      retired: rows.map((row) => row.slug).sort(),
      coverage: summary.papers === 0 ? 0 : summary.tagged / summary.papers,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Each topic with its paper count, in taxonomy order (`npm run tags -- list`). */
export async function topicCounts(
  pool: Queryable,
  topics: readonly Topic[] = TOPICS,
): Promise<{ slug: string; name: string; paperCount: number }[]> {
  const { rows } = await pool.query<{ slug: string; paper_count: number }>(
    `SELECT slug, paper_count FROM tag WHERE slug = ANY($1::text[])`,
    [topics.map((topic) => topic.slug)],
  );
  const counts = new Map(rows.map((row) => [row.slug, row.paper_count]));
  return topics.map((topic) => ({ slug: topic.slug, name: topic.name, paperCount: counts.get(topic.slug) ?? 0 }));
}
