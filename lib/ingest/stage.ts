// Streams parsed papers into an import's staging table with COPY (flat memory, backpressure).
import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { arrayLiteral, copyTextRow } from "./copy-text";
import type { ParsedPaper } from "./types";

/**
 * The staging table is a regular UNLOGGED table, not a TEMP one, so the bulk path's parallel
 * workers can read it. It is created inside the import's transaction, so a rollback or a
 * crash takes it away with everything else. Storage: a long abstract goes out of line, uncompressed
 * (EXTERNAL); the other columns are MAIN, so the toaster never tries to compress them (without its
 * abstract a row is far below the TOAST threshold). The merge scans the table a dozen times for
 * keys, slugs, links and topics and reads the abstracts once: narrow rows make those scans cheaper
 * (about 0.25 s less at 100,000 papers), and compressing text that is read once is waste.
 */
export async function createStage(client: pg.PoolClient, name: string): Promise<void> {
  await client.query(`
    CREATE UNLOGGED TABLE ${name} (
      line      INTEGER NOT NULL,
      position  INTEGER NOT NULL,
      title_key TEXT NOT NULL,
      slug      TEXT NOT NULL,
      title     TEXT NOT NULL,
      abstract  TEXT NOT NULL,
      arxiv_id  TEXT,
      links     JSONB NOT NULL,
      -- NULL when the format has none (text digests): the merge then keeps what the paper has.
      authors   TEXT[],
      upstream_upvotes INTEGER,
      -- The importer's topic matches (positions in lib/tags/topic-taxonomy.ts's TOPICS); NULL for none.
      topics    INTEGER[]
    ) WITH (autovacuum_enabled = false)`);
  await client.query(`
    ALTER TABLE ${name}
      ALTER COLUMN title_key SET STORAGE MAIN, ALTER COLUMN slug SET STORAGE MAIN, ALTER COLUMN title SET STORAGE MAIN,
      ALTER COLUMN arxiv_id SET STORAGE MAIN, ALTER COLUMN links SET STORAGE MAIN, ALTER COLUMN authors SET STORAGE MAIN,
      ALTER COLUMN topics SET STORAGE MAIN, ALTER COLUMN abstract SET STORAGE EXTERNAL`);
}

export type StageWriter = {
  /** topics: the paper's matched topics, kept in the row so the importer holds none of them in memory. */
  write(paper: ParsedPaper, position: number, topics?: readonly number[]): Promise<void>;
  /** Ends the COPY and waits for the server to accept it. */
  finish(): Promise<void>;
  /** Aborts the COPY (the caller rolls back). */
  abort(error: Error): void;
};

export function openStageWriter(client: pg.PoolClient, name: string): StageWriter {
  const stream = client.query(
    copyFrom(
      `COPY ${name} (line, position, title_key, slug, title, abstract, arxiv_id, links, authors, upstream_upvotes, topics) FROM STDIN`,
    ),
  );
  let failure: Error | null = null;
  stream.on("error", (error: Error) => {
    failure = error;
  });
  // Batch rows into ~256 KB writes: one write per row costs more than the COPY itself.
  let buffer = "";
  const flush = async () => {
    if (failure) throw failure;
    const chunk = buffer;
    buffer = "";
    if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), once(stream, "error")]);
    if (failure) throw failure;
  };
  return {
    async write(paper, position, topics) {
      buffer += copyTextRow([
        paper.line,
        position,
        paper.titleKey,
        paper.slug,
        paper.title,
        paper.abstract,
        paper.arxivId,
        JSON.stringify(paper.links),
        arrayLiteral(paper.authors),
        paper.upstreamUpvotes ?? null,
        topics && topics.length > 0 ? `{${topics.join(",")}}` : null,
      ]);
      if (buffer.length >= 256 * 1024) await flush();
    },
    async finish() {
      if (buffer) await flush();
      // Waited for here only: created earlier, it would reject unobserved when a COPY is aborted.
      const done = once(stream, "finish");
      stream.end();
      await done;
      if (failure) throw failure;
    },
    abort(error) {
      stream.destroy(error);
    },
  };
}

export type StagedDuplicates = { total: number; first: { line: number; firstLine: number; title: string }[] };

/**
 * Removes repeated papers (same normalized title) from the staging table, keeping the first,
 * and returns them (the first `limit`) for the report. Done here rather than in the parser so
 * the importer's memory does not grow with the number of papers in a file.
 */
export async function removeDuplicateTitles(
  client: pg.PoolClient,
  name: string,
  limit: number,
): Promise<StagedDuplicates> {
  // Repeated keys by a hash aggregate, then their rows by a hash join: no window function's sort of every key.
  await client.query(`
    CREATE TEMP TABLE ${name}_dups ON COMMIT DROP AS
    SELECT s.line, d.first_line, s.title
    FROM ${name} s
    JOIN (SELECT title_key, min(line) AS first_line FROM ${name} GROUP BY title_key HAVING count(*) > 1) d USING (title_key)
    WHERE s.line <> d.first_line`);
  const {
    rows: [{ total }],
  } = await client.query(`SELECT count(*)::int AS total FROM ${name}_dups`);
  if (total === 0) return { total: 0, first: [] };
  await client.query(`DELETE FROM ${name} s USING ${name}_dups d WHERE s.line = d.line`);
  const { rows } = await client.query<{ line: number; first_line: number; title: string }>(
    `SELECT line, first_line, title FROM ${name}_dups ORDER BY line LIMIT $1`,
    [limit],
  );
  return { total, first: rows.map((row) => ({ line: row.line, firstLine: row.first_line, title: row.title })) };
}
