// The footer on every page: the subscribe box, what this is, the feed, the source, and the keyboard shortcuts.
import Link from "next/link";
import { SubscribeBox, type SubscribeBoxAction } from "./subscribe-box";

export function SiteFooter({ subscribe }: { subscribe: SubscribeBoxAction }) {
  return (
    <footer className="mt-12 border-t border-zinc-200 dark:border-zinc-800">
      <div className="mx-auto flex max-w-3xl flex-col gap-2 px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">
        <div className="mb-4 empty:hidden">
          <SubscribeBox subscribe={subscribe} />
        </div>
        <p>
          PaperPulse tracks the daily multimodal LLM papers curators collect. ·{" "}
          <a href="/feed.xml" className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100">
            RSS feed
          </a>{" "}
          ·{" "}
          <a
            href="https://github.com/paperpulse/paperpulse"
            rel="noopener noreferrer"
            className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100"
          >
            GitHub
          </a>{" "}
          ·{" "}
          <Link href="/search" className="underline underline-offset-2 hover:text-zinc-900 dark:hover:text-zinc-100">
            Search
          </Link>
        </p>
        <p className="hidden sm:block">
          Keyboard: <Kbd>/</Kbd> search · <Kbd>j</Kbd> <Kbd>k</Kbd> next / previous paper · <Kbd>o</Kbd> or{" "}
          <Kbd>Enter</Kbd> open
        </p>
      </div>
    </footer>
  );
}

function Kbd({ children }: { children: string }) {
  return (
    <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1 font-mono text-xs text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">
      {children}
    </kbd>
  );
}
