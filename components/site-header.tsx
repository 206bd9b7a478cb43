// The banner on every page: the name, the main sections and a search box (a plain GET form to /search).
// The same for every reader (pages are cached for everyone): "Sign in" or the account link is chosen by the
// signed-in hint, and the Admin link and the account's address come from /api/me/state.
import Link from "next/link";
import { AccountLink } from "./account-links";
import { Button } from "./ui/button";

export const SEARCH_INPUT_ID = "site-search";

const navLink = "text-zinc-700 hover:text-zinc-950 hover:underline dark:text-zinc-300 dark:hover:text-white";

export function SiteHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white/80 dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
            <rect width="32" height="32" rx="7" className="fill-sky-700" />
            <path
              d="M6 17h5l3-7 4 13 3-6h5"
              fill="none"
              stroke="#fff"
              strokeWidth="2.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          PaperPulse
        </Link>
        <nav aria-label="Main" className="text-sm">
          <ul className="flex gap-3">
            <li>
              <Link
                href="/"
                className="text-zinc-700 hover:text-zinc-950 hover:underline dark:text-zinc-300 dark:hover:text-white"
              >
                Latest
              </Link>
            </li>
            <li>
              <Link href="/search" className={navLink}>
                Search
              </Link>
            </li>
            <li>
              <Link href="/tags" className={navLink}>
                Tags
              </Link>
            </li>
            <li className="hidden admin:block">
              <Link href="/admin" className={navLink}>
                Admin
              </Link>
            </li>
            <li className="hidden signed-in:block">
              <AccountLink className={navLink} />
            </li>
            <li className="signed-in:hidden">
              <Link href="/signin" className={navLink}>
                Sign in
              </Link>
            </li>
          </ul>
        </nav>
        <form
          role="search"
          action="/search"
          method="get"
          className="order-last flex w-full gap-2 sm:order-none sm:ml-auto sm:w-auto"
        >
          <label htmlFor={SEARCH_INPUT_ID} className="sr-only">
            Search papers
          </label>
          <span className="relative flex min-w-0 flex-1 sm:flex-none">
            <input
              id={SEARCH_INPUT_ID}
              name="q"
              type="search"
              placeholder="Search papers"
              autoComplete="off"
              enterKeyHint="search"
              className="peer min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm placeholder:text-zinc-500 sm:w-56 dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-400"
            />
            {/* The "/" shortcut, only where there is a keyboard and a fine pointer (not on phones), and only while the box is empty. */}
            <kbd
              aria-hidden="true"
              data-search-shortcut
              className="pointer-events-none absolute right-2 top-1/2 hidden -translate-y-1/2 rounded border border-zinc-300 px-1 font-mono text-xs text-zinc-500 pointer-fine:inline peer-focus:invisible peer-[:not(:placeholder-shown)]:invisible dark:border-zinc-700 dark:text-zinc-400"
            >
              /
            </kbd>
          </span>
          <Button type="submit" variant="strong" size="sm">
            Search
          </Button>
        </form>
      </div>
    </header>
  );
}
