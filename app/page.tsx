import type { Metadata } from "next";
import { connection } from "next/server";
import { DIGEST_DATE_LIST_LIMIT, DigestView, pageNumber } from "@/components/digest-view";
import { parseSort } from "@/components/sort-control";
import { digestByDate, latestDigestDate, listDigestDates } from "@/lib/papers/digests";

export const metadata: Metadata = {
  alternates: { types: { "application/rss+xml": [{ url: "/feed.xml", title: "PaperPulse: latest papers" }] } },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  await connection(); // the catalogue changes at import time: render per request
  const query = await searchParams;
  const sort = parseSort(query.sort);
  const date = await latestDigestDate();
  const [digest, dates] = await Promise.all([
    date ? digestByDate(date, sort, pageNumber(query.page)) : null,
    listDigestDates(DIGEST_DATE_LIST_LIMIT),
  ]);
  if (!digest) {
    return (
      <section aria-labelledby="empty-heading" className="py-10">
        <h1 id="empty-heading" className="text-2xl font-bold">
          No digests yet
        </h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          Import one with <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">npm run import -- FILE</code>.
        </p>
      </section>
    );
  }
  return <DigestView digest={digest} dates={dates} sort={sort} basePath="/" latest />;
}
