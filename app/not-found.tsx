import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

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
          <Link href="/" className={buttonClass("strong", "sm", "inline-block")}>
            Latest digest
          </Link>
        </li>
        <li>
          <Link href="/search" className={buttonClass("outline", "sm", "inline-block")}>
            Search papers
          </Link>
        </li>
      </ul>
    </section>
  );
}
