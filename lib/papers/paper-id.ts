// A paper's slug: what can be one, and the paper id it names, for every route and lookup that takes a slug.
import "server-only";
import { db } from "../db/prisma";

/** Real slugs are short ASCII; longer ones are not worth a query. */
const MAX_SLUG_LENGTH = 300;
/** No slug holds a control character, and PostgreSQL cannot even receive a NUL in a text parameter. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Whether `slug` could name a paper at all; anything else is a 404 without a query. */
export function isPlausibleSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= MAX_SLUG_LENGTH && !CONTROL_CHARACTER.test(slug);
}

export async function paperIdBySlug(slug: string): Promise<number | null> {
  if (!isPlausibleSlug(slug)) return null;
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM paper WHERE slug = ${slug}`;
  return rows[0]?.id ?? null;
}
