// What a cached page shows, so a change clears only the pages that show it (lib/http/catalogue-notice.ts):
// the papers on it (each paper's card or page carries data-paper-id), the tags whose pages it is, and
// whether it is a ranked list (trending, top), which moves with every vote and so lives only a few seconds.
import { gunzipSync } from "node:zlib";
import type { RecordedResponse } from "./response-recorder";

export type EntrySubjects = {
  /** "all": a feed or an API answer (no markers to read): any paper's change clears it. */
  papers: ReadonlySet<number> | "all";
  tags: ReadonlySet<string> | "all";
  ranked: boolean;
  /** The paper whose own page this is (`/papers/<slug>`: its similar list is on it), else null. */
  paperPage: number | "unreadable" | null;
};

/** The attribute components put on a paper's card and on its page (components/paper-card.tsx, app/papers). */
const PAPER_MARKER = "data-paper-id";
const PAPER_ATTRIBUTE = new RegExp(`${PAPER_MARKER}="(\\d+)"`, "g");
const RANKED_SORTS = new Set(["trending", "top"]);
const PAPER_PAGE = /^\/papers\/[^/]+$/;
const NONE: ReadonlySet<never> = new Set();

/** `url`: the canonical URL the entry is kept under (lib/http/cache-key.ts). */
export function subjectsOf(url: string, entry: RecordedResponse): EntrySubjects {
  const parsed = new URL(url, "http://cache.invalid");
  const ranked = RANKED_SORTS.has(parsed.searchParams.get("sort") ?? "");
  const html = String(entry.headers["content-type"] ?? "").startsWith("text/html");
  if (!html) return { papers: "all", tags: "all", ranked, paperPage: null };
  const papers = papersShown(entry);
  // A paper page's own marker comes first (it is on the page's <article>; its similar papers' cards follow).
  const paperPage = !PAPER_PAGE.test(parsed.pathname)
    ? null
    : papers === "all"
      ? "unreadable"
      : (papers.values().next().value ?? null);
  return { papers, tags: tagsShown(parsed.pathname), ranked, paperPage };
}

function tagsShown(path: string): ReadonlySet<string> | "all" {
  if (path === "/tags") return "all";
  const slug = /^\/tags\/([^/]+)/.exec(path)?.[1];
  if (!slug) return NONE;
  try {
    return new Set([decodeURIComponent(slug)]);
  } catch {
    return "all";
  }
}

function papersShown(entry: RecordedResponse): ReadonlySet<number> | "all" {
  let text: string;
  try {
    // Kept as Next wrote it: gzip when the reader accepted it. Once per stored render, not per hit.
    text = (entry.headers["content-encoding"] === "gzip" ? gunzipSync(entry.body) : entry.body).toString("latin1");
  } catch {
    return "all";
  }
  const ids = new Set<number>();
  for (const match of text.matchAll(PAPER_ATTRIBUTE)) ids.add(Number(match[1]));
  return ids;
}
