// Topic matching while the importer streams a digest: each paper is matched as it goes by, so the
// merge's tagging step reads no text back. The importer saves the matches next to its staging table.
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { compileTopics, matchTopics, type TopicMatcher } from "./topic-matcher";
import { TOPICS } from "./topic-taxonomy";

/** Collects (file line -> topic positions in TOPICS) for the papers that have topics. */
export class StagedTopics {
  private readonly matcher: TopicMatcher = compileTopics(TOPICS);
  private readonly rows: string[] = [];

  add(line: number, title: string, abstract: string): void {
    const found = matchTopics(this.matcher, title, abstract);
    if (found.length > 0) this.rows.push(`${line}\t{${found.join(",")}}\n`);
  }

  /** Writes the matches to a temporary table `name` (line, topics), read by applyTopicTags({ matched: name }). */
  async save(client: pg.ClientBase, name: string): Promise<void> {
    await client.query(`CREATE TEMP TABLE ${name} (line int PRIMARY KEY, topics int[] NOT NULL) ON COMMIT DROP`);
    const stream = client.query(copyFrom(`COPY ${name} FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
    });
    for (let i = 0; i < this.rows.length; i += 10_000) stream.write(this.rows.slice(i, i + 10_000).join(""));
    stream.end();
    await done;
  }
}
