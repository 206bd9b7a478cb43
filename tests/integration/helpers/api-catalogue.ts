// A catalogue for the API and feed tests: the sample digest (2025-04-30) plus a digest of 2025-05-01 with
// hostile titles, imported with the real importer; route handlers read it through the app's client (setUpTestDatabase).
import { fileURLToPath } from "node:url";
import { beforeAll } from "vitest";
import { fileSource } from "../../../lib/ingest/file-source";
import { importDigest } from "../../../lib/ingest/import";
import { setUpTestDatabase, type TestDatabase } from "../../support/database";
import { digestText, textSource } from "./text-source";

const samplePath = fileURLToPath(new URL("../../../prisma/seed/sample-digest-2025-04-30.txt", import.meta.url));

export const SCRIPT_TITLE = `<script>alert(1)</script> & "quotes"`;
export const EMOJI_TITLE = "Emoji Video Benchmark 🎥: Watching Every Frame";
/** Both papers of the 2025-05-01 digest; the sample has 94 papers of 2025-04-30. */
export const NEWEST_DATE = "2025-05-01";
export const PAPER_COUNT = 96;

const newestDigest = digestText("May 1", [
  {
    title: SCRIPT_TITLE,
    abstract: `We study <b>markup</b> & ampersands in titles ("quotes" too). Code: https://github.com/example/script-paper.`,
  },
  {
    title: EMOJI_TITLE,
    abstract: "A video benchmark of emoji 😀 in frames. Project page: https://example.org/emoji-video.",
  },
]);

/** Call at the top of a test file instead of setUpTestDatabase. */
export function setUpApiCatalogue(): TestDatabase {
  const db = setUpTestDatabase();
  beforeAll(async () => {
    // The configured origin every absolute link uses (lib/site-origin.ts); never a request header.
    process.env.SITE_URL = "http://localhost";
    const options = { today: NEWEST_DATE, importedBy: "cli:test" };
    await importDigest(db.pool, await fileSource(samplePath), options);
    const newest = await importDigest(db.pool, textSource("newest.txt", newestDigest), options);
    if (newest.status !== "IMPORTED" || newest.counts.new !== 2)
      throw new Error(`fixture import failed: ${JSON.stringify(newest)}`);
    // The importer would not let these in; the renderers must cope with them anyway.
    await db.pool.query(
      `UPDATE paper SET abstract = abstract || ' bell' || chr(7) || ' escape' || chr(27) WHERE title = $1`,
      [SCRIPT_TITLE],
    );
  });
  return db;
}

export async function slugOf(db: TestDatabase, title: string): Promise<string> {
  const { rows } = await db.pool.query<{ slug: string }>(`SELECT slug FROM paper WHERE title = $1`, [title]);
  if (!rows[0]) throw new Error(`no paper titled ${title}`);
  return rows[0].slug;
}
