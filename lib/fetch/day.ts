// Owns fetching one day of /api/daily_papers: every page, revalidated page by page, put back together as one JSON array.
import { FetchFailure, type HfClient, type Validators } from "./client";

/** The API's largest page (limit accepts 1-100); a usual day fits in one. */
const PAGE_SIZE = 100;
/** 2,000 papers in a day would be twenty times a busy day: more pages means the server ignores paging. */
const MAX_PAGES = 20;

export type DayAnswer =
  /** Every page answered 304 Not Modified: the day is as we imported it last. */
  | { kind: "not-modified"; url: string }
  /** The day's entries (or, when a page was not a JSON array, that page's bytes, for the importer to judge). */
  | { kind: "body"; url: string; bytes: Uint8Array; validators: Validators[] };

/** The first page's URL names the day in the import history. */
export function dailyPapersUrl(apiUrl: string, day: string, page = 0, pageSize = PAGE_SIZE): string {
  const url = new URL("/api/daily_papers", apiUrl);
  url.search = new URLSearchParams({ date: day, limit: String(pageSize), p: String(page) }).toString();
  return url.toString();
}

/** The entries of a page, or null when it is not a JSON array (an HTML error page, another shape, a cut-off body). */
function entriesOf(bytes: Uint8Array): unknown[] | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Fetches every page of `day`, sending each page's validators from the last import. A page that answers
 * 304 is the page we had: it ends the day if it was the last page then. If some pages changed and others
 * did not, the unchanged ones are fetched again without validators, so the import sees the whole day.
 */
export async function fetchDay(
  client: HfClient,
  apiUrl: string,
  day: string,
  previous: Validators[],
  pageSize = PAGE_SIZE,
): Promise<DayAnswer> {
  const url = dailyPapersUrl(apiUrl, day, 0, pageSize);
  const pageUrl = (page: number) => dailyPapersUrl(apiUrl, day, page, pageSize);
  const pages: (unknown[] | null)[] = [];
  const validators: Validators[] = [];
  let firstPage: Uint8Array | null = null;
  for (let page = 0; ; page++) {
    if (page === MAX_PAGES)
      throw new FetchFailure(`more than ${MAX_PAGES} pages of ${pageSize} papers: the server seems to ignore paging`);
    const answer = await client.get(pageUrl(page), previous[page]);
    if (answer.status === 304) {
      pages.push(null);
      validators.push(previous[page]!);
      if (page >= previous.length - 1) break;
      continue;
    }
    const entries = entriesOf(answer.bytes);
    if (entries === null) return { kind: "body", url, bytes: answer.bytes, validators: [] };
    const prior = pages.at(-1);
    if (page > 0 && prior && entries.length > 0 && JSON.stringify(prior) === JSON.stringify(entries)) {
      throw new FetchFailure(`page ${page} repeated page ${page - 1}: the server seems to ignore paging`);
    }
    if (page === 0) firstPage = answer.bytes;
    pages.push(entries);
    validators.push(answer.validators);
    if (entries.length < pageSize) break;
  }
  if (pages.every((entries) => entries === null)) return { kind: "not-modified", url };
  // One page is imported byte for byte as the API sent it, like a saved file of the same day.
  if (pages.length === 1 && firstPage) return { kind: "body", url, bytes: firstPage, validators };

  const all: unknown[] = [];
  for (const [page, entries] of pages.entries()) {
    if (entries) {
      all.push(...entries);
      continue;
    }
    const again = await client.get(pageUrl(page));
    const fresh = again.status === 200 ? entriesOf(again.bytes) : null;
    if (again.status !== 200 || fresh === null)
      throw new FetchFailure(`page ${page} changed while the day was being read; the next run tries again`);
    validators[page] = again.validators;
    all.push(...fresh);
  }
  return { kind: "body", url, bytes: Buffer.from(JSON.stringify(all)), validators };
}
