import type { Metadata } from "next";
import { connection } from "next/server";
import { DIGEST_DATE_LIST_LIMIT, DigestView, pageNumber } from "@/components/digest-view";
import { RankedView } from "@/components/ranked-view";
import { HomeSortControl } from "@/components/sort-control";
import { digestByDate, latestDigestDate, listDigestDates } from "@/lib/papers/digests";
import { rankedPapers } from "@/lib/papers/ranked";
import { parseHomeSort, parseTopWindow } from "@/lib/papers/sort-params";

export const metadata: Metadata = {
  alternates: { types: { "application/rss+xml": [{ url: "/feed.xml", title: "PaperPulse: latest papers" }] } },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// `?sort=` digest (default: the latest digest as listed) | trending | new | top (`&window=` week | month | all):
// the last three list the whole catalogue. Unknown values show the default rather than an error page.
export default async function HomePage({ searchParams }: Props) {
  await connection(); // the catalogue changes at import time: render per request
  const query = await searchParams;
  const sort = parseHomeSort(query.sort);
  const page = pageNumber(query.page);
  if (sort !== "digest") {
    return <RankedView list={await rankedPapers({ sort, window: parseTopWindow(query.window), page })} />;
  }
  const date = await latestDigestDate();
  const [digest, dates] = await Promise.all([
    date ? digestByDate(date, "digest", page) : null,
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
  return (
    <DigestView
      digest={digest}
      dates={dates}
      sort="digest"
      basePath="/"
      latest
      sortControl={<HomeSortControl current="digest" />}
    />
  );
}
