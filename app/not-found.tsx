import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <section aria-labelledby="not-found-heading" className="py-10">
      <p className="text-sm font-medium text-sky-700 dark:text-sky-300">404</p>
      <h1 id="not-found-heading" className="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">
        Page not found
      </h1>
      <p className="mt-3 max-w-prose text-zinc-700 dark:text-zinc-300">
        There is no paper or digest at this address. It may have a typo, or the digest for that day was never imported.
      </p>
      <ul className="mt-6 flex flex-wrap gap-3 text-sm">
        <li>
          <Link href="/" className="inline-block rounded-md bg-zinc-900 px-3 py-1.5 font-medium text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300">
            Latest digest
          </Link>
        </li>
        <li>
          <Link href="/search" className="inline-block rounded-md border border-zinc-300 px-3 py-1.5 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            Search papers
          </Link>
        </li>
      </ul>
    </section>
  );
}
