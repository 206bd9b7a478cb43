// What an unknown or mangled subscriber link shows (the confirm, unsubscribe and preferences pages' 404).
import Link from "next/link";
import { UNKNOWN_LINK } from "@/lib/subscribers/confirm";

export function InvalidSubscriberLink() {
  return (
    <section aria-labelledby="invalid-link-heading" className="max-w-xl py-6">
      <h1 id="invalid-link-heading" className="text-2xl font-semibold tracking-tight">
        Link not valid
      </h1>
      <p className="mt-3 text-zinc-700 dark:text-zinc-300">
        {UNKNOWN_LINK} Copy the whole link from the email, or use the link in the most recent email we sent you.
      </p>
      <p className="mt-4 text-sm">
        <Link href="/subscribe" className="font-medium text-sky-800 underline underline-offset-2 dark:text-sky-300">
          Subscribe again
        </Link>
      </p>
    </section>
  );
}
