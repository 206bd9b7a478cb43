import { connection } from "next/server";
import { PaperCard } from "@/components/paper-card";
import { latestDigest } from "@/lib/papers/latest-digest";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export default async function HomePage() {
  await connection(); // the catalogue changes at import time: render per request
  const digest = await latestDigest();
  if (!digest) {
    return (
      <section>
        <h1 className="text-2xl font-bold">No digests yet</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          Import one with <code>npm run import -- FILE</code>.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="digest-heading">
      <h1 id="digest-heading" className="text-2xl font-bold">
        Papers of {dateFormat.format(digest.date)}
      </h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{digest.papers.length} papers</p>
      <div>
        {digest.papers.map((paper, index) => (
          <PaperCard key={paper.slug} paper={paper} position={index + 1} />
        ))}
      </div>
    </section>
  );
}
