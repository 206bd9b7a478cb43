// The import benchmark's yardstick: the fastest plain-SQL load of the same rows into the same
// tables and indexes, with nothing of the importer (no parsing, no staging, no merge).
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyTextRow } from "../ingest/copy-text";
import { parseDigest } from "../ingest/parse";
import type { DigestSource } from "../ingest/import";

export type PreparedRows = { paperFiles: string[]; linkFile: string; papers: number; links: number };

async function write(stream: NodeJS.WritableStream, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

/** Untimed preparation: the parsed rows as COPY text, papers split in two for two loaders. */
export async function prepareRows(source: DigestSource, dir: string, date: string): Promise<PreparedRows> {
  const paperFiles = [path.join(dir, "papers-0.tsv"), path.join(dir, "papers-1.tsv")];
  const linkFile = path.join(dir, "links.tsv");
  const paperOut = paperFiles.map((file) => createWriteStream(file));
  const linkOut = createWriteStream(linkFile);
  let papers = 0;
  let links = 0;
  for await (const event of parseDigest(source.open(), { today: date, date })) {
    if (event.type !== "paper") continue;
    const paper = event.paper;
    papers += 1;
    const row = copyTextRow([papers, paper.slug, paper.titleKey, paper.title, paper.abstract, paper.arxivId, date]);
    await write(paperOut[papers % 2]!, row);
    for (const [index, link] of paper.links.entries()) {
      links += 1;
      await write(linkOut, copyTextRow([papers, link.url, link.kind, index + 1]));
    }
  }
  await Promise.all([...paperOut, linkOut].map((stream) => new Promise((resolve) => stream.end(resolve))));
  return { paperFiles, linkFile, papers, links };
}

async function copyFile(client: pg.Client, sql: string, file: string) {
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), client.query(copyFrom(sql)));
}

/**
 * Timed: drop the two search indexes, COPY the papers on two connections at once (the
 * search-vector trigger runs in both backends, so both cores compute vectors), COPY the
 * links, add the digest entries, rebuild the search indexes (parallel GIN builds).
 */
export type PlainSqlLoad = { seconds: number; steps: { step: string; ms: number }[] };

export async function loadPlainSql(databaseUrl: string, rows: PreparedRows, date: string): Promise<PlainSqlLoad> {
  const clients = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
  await Promise.all(clients.map((client) => client.connect()));
  const [main] = clients as [pg.Client, pg.Client];
  const started = performance.now();
  const steps: PlainSqlLoad["steps"] = [];
  let last = started;
  const step = (name: string) => {
    const now = performance.now();
    steps.push({ step: name, ms: now - last });
    last = now;
  };
  try {
    const { rows: indexes } = await main.query<{ indexdef: string; indexname: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('paper_search_vector_idx', 'paper_title_trgm_idx')`,
    );
    for (const index of indexes) await main.query(`DROP INDEX ${index.indexname}`);
    step("drop the search indexes");
    await Promise.all(
      rows.paperFiles.map((file, i) =>
        copyFile(
          clients[i]!,
          `COPY paper (id, slug, title_key, title, abstract, arxiv_id, first_seen) FROM STDIN`,
          file,
        ),
      ),
    );
    step(`COPY ${rows.papers} papers (2 connections, search vector and vocabulary triggers)`);
    await copyFile(main, `COPY paper_link (paper_id, url, kind, position) FROM STDIN`, rows.linkFile);
    step(`COPY ${rows.links} links`);
    await main.query(`SELECT setval(pg_get_serial_sequence('paper', 'id'), (SELECT max(id) FROM paper))`);
    const {
      rows: [digest],
    } = await main.query(`INSERT INTO digest (date, source) VALUES ($1, 'bench') RETURNING id`, [date]);
    await main.query(`INSERT INTO digest_entry (digest_id, paper_id, position) SELECT $1, id, id FROM paper`, [
      digest.id,
    ]);
    step("digest entries");
    for (const index of indexes) await main.query(index.indexdef);
    step("rebuild the search indexes");
    return { seconds: (performance.now() - started) / 1000, steps };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
