// The digest's plain strings: subject line, excerpts and heading, safe for one header line and free of markup.
import { sanitizeHeaderValue } from "../mail/headers";

const EXCERPT_CHARS = 180;
/** Subjects past this are cut by most clients anyway. */
const SUBJECT_TITLE_CHARS = 80;

/** Control characters and runs of whitespace (newlines in imported text) become single spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they become spaces
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, " ").trim();
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, max).join("");
  const space = head.lastIndexOf(" ");
  return `${(space > max * 0.6 ? head.slice(0, space) : head).replace(/[\s,;:.-]+$/u, "")}…`;
}

/** About two lines of an abstract: links dropped (the email links the code itself), cut at a word. */
export function excerpt(abstract: string): string {
  return cut(oneLine(abstract.replace(/https?:\/\/\S+/g, "")).replace(/\s+([.,;:])/g, "$1"), EXCERPT_CHARS);
}

/**
 * "PaperPulse: 10 trending papers — First Title" ("new papers in your topics" for an "Only my topics"
 * email, which has no trending part): one line whatever the title holds.
 */
export function digestSubject(paperCount: number, firstTitle: string, trending = true): string {
  const kind = trending ? "trending" : "new";
  const papers = `${paperCount} ${kind} paper${paperCount === 1 ? "" : "s"}${trending ? "" : " in your topics"}`;
  return sanitizeHeaderValue(`PaperPulse: ${papers} — ${cut(oneLine(firstTitle), SUBJECT_TITLE_CHARS)}`);
}

/** A section's heading: why these papers are in the email (a followed topic, the followed authors, a saved search). */
export function sectionHeading(
  section: { topic: string } | { followedAuthors: true } | { savedSearch: string },
): string {
  if ("followedAuthors" in section) return "New from authors you follow";
  return "savedSearch" in section
    ? `New for your saved search ${oneLine(section.savedSearch)}`
    : `Because you follow ${oneLine(section.topic)}`;
}

const count = (n: number, one: string) => `${n.toLocaleString("en")} ${one}${n === 1 ? "" : "s"}`;

/** Why a trending paper is in the email: its upvotes here, and on Hugging Face when it has some there. */
export function trendingReason(paper: { upvotes?: number; upstreamUpvotes?: number }): string {
  const [local, upstream] = [paper.upvotes ?? 0, paper.upstreamUpvotes ?? 0];
  if (local === 0 && upstream === 0) return "Trending among the newest papers";
  if (upstream === 0) return `Trending with ${count(local, "upvote")}`;
  if (local === 0) return `Trending with ${count(upstream, "upvote")} on Hugging Face`;
  return `Trending with ${count(local, "upvote")}, ${upstream.toLocaleString("en")} on Hugging Face`;
}

/** Why a paper of a section is in the email, one line under its title. */
export function sectionReason(
  section: { topic: string } | { authors: readonly string[] } | { savedSearch: string },
): string {
  if ("authors" in section) {
    const [first, second, ...rest] = section.authors.map(oneLine);
    if (!first) return "New from an author you follow";
    if (!second) return `New from ${first}`;
    return rest.length === 0
      ? `New from ${first} and ${second}`
      : `New from ${first}, ${second} and ${rest.length} more`;
  }
  return "savedSearch" in section
    ? `Matches your saved search ${oneLine(section.savedSearch)}`
    : `In your topic ${oneLine(section.topic)}`;
}

function digestHeading(digestDate: string): string {
  return `Trending papers for ${digestDate}`;
}

export function digestPreview(firstTitle: string, paperCount: number): string {
  const title = cut(oneLine(firstTitle), SUBJECT_TITLE_CHARS);
  return paperCount > 1 ? `${title}, and ${paperCount - 1} more` : title;
}

/**
 * The email's heading from its ledger period alone, so a re-send renders the same text; `trending` false
 * for an "Only my topics" email: "New in your topics, Nov 30 – Dec 6, 2026".
 */
export function headingForPeriod(period: string, trending = true): string {
  const [kind, value = ""] = period.split(":");
  const heading = kind === "weekly" ? `Trending papers, ${weekDates(value)}` : digestHeading(value);
  return trending ? heading : heading.replace(/^Trending papers/, "New in your topics");
}

const DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const DAY_YEAR = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** "2026-W49" -> "Nov 30 – Dec 6, 2026" (Monday to Sunday); a week across New Year names both years. Anything else is returned as is. */
function weekDates(isoWeek: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!match) return isoWeek;
  const [year, week] = [Number(match[1]), Number(match[2])];
  // Week 1 holds January 4th; its Monday is the 4th minus (its weekday - 1).
  const jan4 = Date.UTC(year, 0, 4);
  const monday = new Date(jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * 86_400_000 + (week - 1) * 7 * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const sameYear = monday.getUTCFullYear() === sunday.getUTCFullYear();
  return `${(sameYear ? DAY : DAY_YEAR).format(monday)} – ${DAY_YEAR.format(sunday)}`;
}
