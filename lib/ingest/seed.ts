// First run: import the bundled sample digest when the catalogue is empty.
import path from "node:path";
import type pg from "pg";
import { fileSource } from "./file-source";
import { backfillSimilar } from "../papers/similar-backfill";
import { importDigest, type ImportSummary } from "./import";

const SAMPLE_DIGEST = path.resolve(process.cwd(), "prisma", "seed", "sample-digest-2025-04-30.txt");
/** The sample's date line says "Apr 30" with no year; its file name carries it. */
const SAMPLE_DATE = "2025-04-30";

export async function seedIfEmpty(pool: pg.Pool, today: string): Promise<ImportSummary | null> {
  const { rows } = await pool.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM paper) AS any");
  if (rows[0]?.any) return null;
  const summary = await importDigest(pool, await fileSource(SAMPLE_DIGEST), {
    today,
    date: SAMPLE_DATE,
    importedBy: "seed",
  });
  // The sample's similar lists at once (a second's work), rather than at the worker's next tick.
  while ((await backfillSimilar(pool)).left > 0);
  return summary;
}
