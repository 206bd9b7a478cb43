// Topic matching while the importer streams a digest: each paper is matched as it goes by, so the
// merge's tagging step reads no text back. The matches ride in the staging rows (lib/ingest/stage.ts's
// `topics`), not in memory, and the merge reads them from there: the importer's memory stays flat.
import { compileTopics, matchTopics, type TopicMatcher } from "./topic-matcher";
import { TOPICS } from "./topic-taxonomy";

export class StagedTopics {
  private readonly matcher: TopicMatcher = compileTopics(TOPICS);

  /** The paper's topics as positions in TOPICS, for the staging row's `topics` column. */
  match(title: string, abstract: string): number[] {
    return matchTopics(this.matcher, title, abstract);
  }
}
