import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { DIGEST_DATE_LIST_LIMIT, DigestView, pageNumber } from "@/components/digest-view";
import { formatLongDate } from "@/components/format";
import { parseSort } from "@/components/sort-control";
import { digestByDate, isIsoDate, latestDigestDate, listDigestDates } from "@/lib/papers/digests";

type Props = {
  params: Promise<{ date: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { date } = await params;
  if (!isIsoDate(date)) return { title: "Not found" };
  return {
    title: `Papers of ${formatLongDate(date)}`,
    description: `The multimodal LLM papers of the ${formatLongDate(date)} digest.`,
    alternates: { canonical: `/digests/${date}` },
  };
}

export default async function DigestPage({ params, searchParams }: Props) {
  await connection(); // the catalogue changes at import time: render per request
  const [{ date }, query] = await Promise.all([params, searchParams]);
  if (!isIsoDate(date)) notFound(); // "not-a-date", "2025-02-30": never reaches the database
  const sort = parseSort(query.sort);
  const [digest, dates, latest] = await Promise.all([
    digestByDate(date, sort, pageNumber(query.page)),
    listDigestDates(DIGEST_DATE_LIST_LIMIT),
    latestDigestDate(),
  ]);
  if (!digest) notFound();
  return (
    <DigestView
      digest={digest}
      dates={dates}
      sort={sort}
      basePath={`/digests/${digest.date}`}
      latest={digest.date === latest}
    />
  );
}
