// Topic matching while the importer streams a digest: each paper is matched as it goes by, so the
// merge's tagging step reads no text back. The matches ride in the staging rows (lib/ingest/stage.ts),
// not in memory: the importer's memory stays flat whatever the file's size.
import type pg from "pg";
import { compileTopics, matchTopics, type TopicMatcher } from "./topic-matcher";
import { TOPICS } from "./topic-taxonomy";

export class StagedTopics {
  private readonly matcher: TopicMatcher = compileTopics(TOPICS);

  /** The paper's topics as positions in TOPICS, for the staging row's `topics` column. */
  match(title: string, abstract: string): number[] {
    return matchTopics(this.matcher, title, abstract);
  }

  /**
   * Builds the temporary table `name` (line, topics) from the staging table's papers that have topics,
   * read by applyTopicTags({ matched: name }).
   */
  async save(client: pg.ClientBase, stage: string, name: string): Promise<void> {
    await client.query(
      `CREATE TEMP TABLE ${name} ON COMMIT DROP AS SELECT line, topics FROM ${stage} WHERE topics IS NOT NULL`,
    );
    await client.query(`ALTER TABLE ${name} ADD PRIMARY KEY (line)`);
  }
}
