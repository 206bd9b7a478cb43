// Fuzzy title matching, search's fallback when no paper matches the words (a typo, a half-remembered
// title): pg_trgm word_similarity through the trigram index, within a time budget.
import type { Prisma, PrismaClient } from "../../db/generated/client";
import type { ScoredRow } from "./plan";
import { FUZZY_BUDGET_MS, FUZZY_QUERY_CHARS, WORD_SIMILARITY } from "./tuning";

/** Titles similar to the query, best first, scored half their similarity (so below every full-text match). */
export async function similarTitles(
  client: PrismaClient,
  q: string,
  filters: Prisma.Sql,
  limit: number,
  budgetMs: number = FUZZY_BUDGET_MS,
): Promise<ScoredRow[]> {
  const text = [...q.replace(/[^\p{L}\p{N}]+/gu, " ").trim()].slice(0, FUZZY_QUERY_CHARS).join("");
  if (limit <= 0 || text.replace(/\s/g, "").length < 3) return [];
  try {
    return await client.$transaction(async (tx) => {
      // SET LOCAL: the threshold the <% operator (and so the index scan) uses, for this transaction only.
      await tx.$executeRawUnsafe(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY}`);
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.trunc(budgetMs))}`);
      return tx.$queryRaw<ScoredRow[]>`
        SELECT p.id, (word_similarity(${text}, p.title) / 2)::float8 AS rank
        FROM paper p
        WHERE ${text} <% p.title ${filters}
        ORDER BY rank DESC, p.first_seen DESC, p.id DESC
        LIMIT ${limit}`;
    });
  } catch (error) {
    // Similar titles are a suggestion: when they cost more than the budget, the page says "no results".
    if (isStatementTimeout(error)) return [];
    throw error;
  }
}

/** PostgreSQL's query_canceled (57014), as pg or Prisma's raw-query error reports it. */
export function isStatementTimeout(error: unknown): boolean {
  const text =
    error instanceof Error
      ? `${error.message} ${JSON.stringify((error as { meta?: unknown }).meta ?? "")}`
      : String(error);
  return text.includes("57014") || /statement timeout/i.test(text);
}
