// What the search understands, shown when the query is empty.
const CODE =
  "rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8125rem] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200";

export function SearchTips() {
  return (
    <section
      aria-labelledby="tips-heading"
      className="mt-6 rounded-lg border border-zinc-200 bg-zinc-50 p-5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="tips-heading" className="text-base font-semibold">
        Search tips
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Titles and abstracts are searched; title matches rank first.
      </p>
      <dl className="mt-3 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt>
          <code className={CODE}>video benchmark</code>
        </dt>
        <dd className="text-zinc-700 dark:text-zinc-300">papers with both words (any form: “videos”, “benchmarks”)</dd>
        <dt>
          <code className={CODE}>&quot;visual grounding&quot;</code>
        </dt>
        <dd className="text-zinc-700 dark:text-zinc-300">the exact phrase, in quotes</dd>
        <dt>
          <code className={CODE}>audio OR speech</code>
        </dt>
        <dd className="text-zinc-700 dark:text-zinc-300">either word</dd>
        <dt>
          <code className={CODE}>llava -survey</code>
        </dt>
        <dd className="text-zinc-700 dark:text-zinc-300">leave out papers with a word, with a minus sign</dd>
      </dl>
      <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
        Tick <em>Has code</em> for papers with a repository, and set dates to search one period. Misspelt titles still
        find close matches.
      </p>
    </section>
  );
}
