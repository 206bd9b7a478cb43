// A paper's id from its slug: the one lookup every per-paper mutation needs.
import "server-only";
import { db } from "../db/prisma";

export async function paperIdBySlug(slug: string): Promise<number | null> {
  // eslint-disable-next-line no-control-regex
  if (slug.length === 0 || slug.length > 300 || /[\u0000-\u001f]/.test(slug)) return null;
  const rows = await db().$queryRaw<{ id: number }[]>`SELECT id FROM paper WHERE slug = ${slug}`;
  return rows[0]?.id ?? null;
}
