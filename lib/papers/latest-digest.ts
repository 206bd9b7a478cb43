// The newest digest and its papers, in digest order: what the home page shows.
import "server-only";
import { db } from "../db/prisma";

export type DigestPaper = {
  slug: string;
  title: string;
  abstract: string;
  links: { url: string; kind: "CODE" | "PROJECT" | "DATASET" | "OTHER" }[];
};

export type DigestView = { date: Date; papers: DigestPaper[] };

export async function latestDigest(): Promise<DigestView | null> {
  const digest = await db().digest.findFirst({
    orderBy: { date: "desc" },
    select: {
      date: true,
      entries: {
        orderBy: { position: "asc" },
        select: {
          paper: {
            select: {
              slug: true,
              title: true,
              abstract: true,
              links: { orderBy: { position: "asc" }, select: { url: true, kind: true } },
            },
          },
        },
      },
    },
  });
  if (!digest) return null;
  return { date: digest.date, papers: digest.entries.map((entry) => entry.paper) };
}
