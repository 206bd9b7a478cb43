"use client";
// The search page's form: query, "has code", date range. A GET form, so every search is a shareable URL;
// a filter applies as soon as it changes (the form submits itself), the words when the person submits.
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

export type SearchFormValues = { q: string; from?: string; to?: string; hasCode: boolean };

const FIELD = `${inputClass} px-3 py-2 text-sm`;

export function SearchForm({ values }: { values: SearchFormValues }) {
  return (
    <form role="search" action="/search" method="get" aria-label="Search papers" className="flex flex-col gap-3">
      <div className="flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          Search words
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={values.q}
          placeholder={'e.g. video benchmark, "visual grounding", llava -survey'}
          autoComplete="off"
          enterKeyHint="search"
          className={`${FIELD} min-w-0 flex-1 text-base placeholder:text-zinc-500 dark:placeholder:text-zinc-400`}
        />
        <Button type="submit">Search</Button>
      </div>
      <fieldset
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-zinc-700 dark:text-zinc-300"
      >
        <legend className="sr-only">Filters</legend>
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            name="hasCode"
            value="1"
            defaultChecked={values.hasCode}
            className="size-4 rounded border-zinc-300 accent-sky-700 dark:border-zinc-600"
          />
          Has code
        </label>
        <span className="inline-flex flex-wrap items-center gap-2">
          <label htmlFor="search-from">First seen from</label>
          <input
            id="search-from"
            name="from"
            type="date"
            defaultValue={values.from ?? ""}
            className={`${FIELD} py-1`}
          />
          <label htmlFor="search-to">to</label>
          <input id="search-to" name="to" type="date" defaultValue={values.to ?? ""} className={`${FIELD} py-1`} />
        </span>
      </fieldset>
    </form>
  );
}
