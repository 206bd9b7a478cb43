// Which of the digest's personal sections a subscriber gets: "New from authors you follow" and
// "New for your saved search <name>"; chosen on the preferences page (token) or on /me (account).
import "server-only";
import { db } from "../db/prisma";
import { UNKNOWN_LINK } from "../subscribers/confirm";
import { subscriberTokenWhere } from "../subscribers/token";

export type DigestSections = { authors: boolean; searches: boolean };
export type SectionsResult = { ok: true; message: string } | { ok: false; status: 404; error: string };

const select = { id: true, digestAuthors: true, digestSearches: true } as const;

async function subscriberForUser(userId: string) {
  const linked = await db().subscriber.findUnique({ where: { userId }, select });
  if (linked) return linked;
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
  return user ? db().subscriber.findUnique({ where: { email: user.email.trim().toLowerCase() }, select }) : null;
}

async function subscriberFor(who: { userId: string } | { token: string }) {
  if ("userId" in who) return subscriberForUser(who.userId);
  const where = subscriberTokenWhere(who.token);
  return where ? db().subscriber.findUnique({ where, select }) : null;
}

/** Null when there is no subscription to choose for. */
export async function digestSections(who: { userId: string } | { token: string }): Promise<DigestSections | null> {
  const row = await subscriberFor(who);
  return row && { authors: row.digestAuthors, searches: row.digestSearches };
}

export async function setDigestSections(
  who: { userId: string } | { token: string },
  sections: DigestSections,
): Promise<SectionsResult> {
  const row = await subscriberFor(who);
  if (!row)
    return {
      ok: false,
      status: 404,
      error: "userId" in who ? "Subscribe to the digest first (above), then choose its sections." : UNKNOWN_LINK,
    };
  await db().subscriber.update({
    where: { id: row.id },
    data: { digestAuthors: sections.authors, digestSearches: sections.searches },
  });
  const chosen = [
    sections.authors && "new papers from authors you follow",
    sections.searches && "new papers for your saved searches",
  ].filter(Boolean);
  return {
    ok: true,
    message: chosen.length
      ? `Saved: your digest includes ${chosen.join(" and ")}.`
      : "Saved: your digest has no author or saved-search sections.",
  };
}
