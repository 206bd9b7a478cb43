// One paper's abstract by its slug: what a card's "Show full abstract" fetches, so lists send only an excerpt.
import "server-only";
import { db } from "../db/prisma";
import { isPlausibleSlug } from "./paper-id";

export async function paperAbstractBySlug(slug: string): Promise<string | null> {
  if (!isPlausibleSlug(slug)) return null;
  const rows = await db().$queryRaw<{ abstract: string }[]>`SELECT abstract FROM paper WHERE slug = ${slug}`;
  return rows[0]?.abstract ?? null;
}
