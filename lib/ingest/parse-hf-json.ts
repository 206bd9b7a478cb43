// Owns reading Hugging Face's daily-papers JSON (the /api/daily_papers response) into digest events.
//
// Accepted shape: a JSON array of entries. An entry is either what the API returns,
//   { paper: { id, title, summary, authors: [{ name }], upvotes, publishedAt, submittedOnDailyAt }, title, publishedAt, ... }
// (a field missing from `paper` is taken from the entry), or a bare paper object with those fields at the top
// level (what /api/papers/<id> returns, collected by hand). Unknown fields are ignored; every field may be
// missing or null. A field of the wrong type rejects the whole file, since it means the file is not what we
// think; an entry with no title or no summary only costs that paper, like a title without abstract in a text digest.
import { z } from "zod";
import { isIsoDate } from "../iso-date";
import { DigestRejectedError } from "./rejected";
import { arxivIdFromLinks, extractLinks } from "./links";
import { hashTitleKey, normalizeTitleKey, slugFromHash } from "./title-key";
import { invalidUtf8Offset } from "./utf8";
import type { DigestEvent, ParsedPaper, ParseOptions } from "./types";

/** The API's daily list is well under 1 MB; this only stops a wrong file from exhausting memory. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;
export const MAX_AUTHORS = 100;
export const MAX_AUTHOR_LENGTH = 200;
// The text parser's limits: a title longer than this is not a title.
const TITLE_MAX_LENGTH = 300;
const MAX_ABSTRACT_LENGTH = 200_000;
const PROBLEM_TITLE_LENGTH = 80;
// New-style ids (2405.11273, optional version) and old-style ones (cs/0601001, math.GT/0309136).
const ARXIV_ID = /^(?:arxiv:)?((\d{2})(\d{2})\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/i;
// JSON may carry any control character escaped; PostgreSQL text cannot hold NUL and pages should not show the rest.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped
const CONTROL_CHARS = /[\x00-\x08\x0B\x0E-\x1F\x7F]/g;

const text = z.string().nullish();
const author = z.union([z.string(), z.object({ name: z.string().nullish() })]).nullable();
const fields = {
  id: z.string().nullish(),
  title: text,
  summary: text,
  authors: z.array(author).nullish(),
  upvotes: z.number().int().nonnegative().nullish(),
  publishedAt: z.string().nullish(),
  submittedOnDailyAt: z.string().nullish(),
};
const paperSchema = z.object(fields);
const entrySchema = z.object({ ...fields, paper: paperSchema.nullish() });
type Fields = z.infer<typeof paperSchema>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `a string ("${truncate(value, 40)}")`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  array: "an array",
  object: "an object",
};

function pathName(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | null)?.[key];
  return value;
}

/** "paper.title must be a string, got number 42": the field as the file spells it, and what was there. */
function shapeMessage(issue: z.core.$ZodIssue, entry: unknown): string {
  const name = pathName(issue.path);
  const got = describe(valueAt(entry, issue.path));
  if (issue.code === "invalid_type") return `${name} must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`;
  if (issue.code === "too_small") return `${name} must not be negative, got ${got}`;
  if (issue.code === "invalid_union") return `${name} must be a name or an object with a "name", got ${got}`;
  return `${name}: ${issue.message}`;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

/** The text parser's normalization (NFC, single spaces), plus JSON's escaped newlines and controls. */
function tidy(value: string): string {
  return value.replace(CONTROL_CHARS, " ").replace(/\s+/g, " ").trim().normalize("NFC");
}

/** The arXiv id without version, or null when `id` is not one (Hugging Face also lists papers by other ids). */
export function arxivIdFromHfId(id: string | null | undefined): string | null {
  const match = id ? ARXIV_ID.exec(id.trim()) : null;
  if (!match) return null;
  // New-style ids start with YYMM; a month outside 01-12 is not an id arXiv would issue.
  if (match[3] !== undefined && (Number(match[3]) < 1 || Number(match[3]) > 12)) return null;
  return match[1]!;
}

function authorNames(authors: Fields["authors"]): string[] | undefined {
  if (!authors) return undefined;
  const names: string[] = [];
  for (const item of authors) {
    const name = tidy((typeof item === "string" ? item : item?.name) ?? "");
    if (name.length > 0) names.push(truncate(name, MAX_AUTHOR_LENGTH));
    if (names.length === MAX_AUTHORS) break;
  }
  return names.length > 0 ? names : undefined;
}

/** "2025-04-30T12:01:00.000Z" -> "2025-04-30" (the UTC day, as the API writes it). */
function dayOf(value: string | null | undefined): string | null {
  const day = value?.trim().slice(0, 10) ?? "";
  return isIsoDate(day) ? day : null;
}

function decodeJson(bytes: Uint8Array): unknown {
  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DigestRejectedError(
      `the file is not valid UTF-8 (byte offset ${invalidUtf8Offset(bytes) ?? 0}); save it as UTF-8 and retry`,
    );
  }
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new DigestRejectedError(
      `the file starts like JSON but is not valid JSON (${(error as Error).message}); ` +
        `expected the Hugging Face daily-papers API response`,
    );
  }
}

/**
 * Parses a whole Hugging Face daily-papers file into the same events as the text parser:
 * one "date" (options.date, else the most common publishing day), "paper"s and "problem"s, where a
 * problem's `line` is the entry's 1-based index and its message says "entry N".
 * Throws DigestRejectedError when the file cannot be imported at all.
 */
export function parseHfJson(bytes: Uint8Array, options: ParseOptions): DigestEvent[] {
  if (options.date !== undefined && !isIsoDate(options.date)) {
    throw new DigestRejectedError(`--date must be a real day as YYYY-MM-DD, got "${options.date}"`);
  }
  const root = decodeJson(bytes);
  if (!Array.isArray(root)) {
    throw new DigestRejectedError(
      `expected a JSON array of daily-paper entries (the Hugging Face /api/daily_papers response), got ${describe(root)}`,
    );
  }
  if (root.length === 0) throw new DigestRejectedError("no papers found: the JSON array is empty");

  const events: DigestEvent[] = [];
  const papers: ParsedPaper[] = [];
  const days = new Map<string, { count: number; first: number }>();
  const seen = new Map<string, number>();
  const problem = (entry: number, message: string, skipsPaper = false) =>
    events.push({ type: "problem", problem: { line: entry, message: `entry ${entry}: ${message}` }, skipsPaper });

  root.forEach((raw: unknown, index) => {
    const n = index + 1;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      throw new DigestRejectedError(`entry ${n} must be an object, got ${describe(raw)}`, n);
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) throw new DigestRejectedError(`entry ${n}: ${shapeMessage(parsed.error.issues[0]!, raw)}`, n);
    const entry = parsed.data;
    if (entry.paper == null && entry.title == null) {
      throw new DigestRejectedError(
        `entry ${n} has neither a "paper" object nor a "title"; expected entries like { "paper": { "id", "title", "summary", "authors" } }`,
        n,
      );
    }
    // The API's entry repeats some of the paper's fields; the paper's own win.
    const p: Fields = entry.paper ?? {};
    const pick = <K extends keyof Fields>(key: K): Fields[K] => p[key] ?? entry[key];

    const day = dayOf(p.submittedOnDailyAt) ?? dayOf(entry.publishedAt) ?? dayOf(p.publishedAt);
    if (day) {
      const known = days.get(day);
      if (known) known.count += 1;
      else days.set(day, { count: 1, first: n });
    }

    const title = tidy(pick("title") ?? "");
    if (title.length === 0) return problem(n, "no title, skipped", true);
    if (title.length > TITLE_MAX_LENGTH) {
      return problem(
        n,
        `title longer than ${TITLE_MAX_LENGTH} characters, skipped: "${truncate(title, PROBLEM_TITLE_LENGTH)}"`,
        true,
      );
    }
    const abstract = tidy(pick("summary") ?? "");
    if (abstract.length === 0)
      return problem(n, `no summary, skipped: "${truncate(title, PROBLEM_TITLE_LENGTH)}"`, true);
    if (abstract.length > MAX_ABSTRACT_LENGTH) {
      return problem(n, `summary longer than ${MAX_ABSTRACT_LENGTH.toLocaleString("en")} characters, skipped`, true);
    }
    const titleKey = normalizeTitleKey(title);
    if (options.detectDuplicates !== false) {
      const first = seen.get(titleKey);
      if (first !== undefined) return problem(n, duplicateEntryMessage(first, title), true);
      seen.set(titleKey, n);
    }
    const id = p.id ?? (entry.paper == null ? entry.id : null);
    const links = extractLinks(abstract);
    let arxivId = arxivIdFromHfId(id);
    if (id && !arxivId) problem(n, `paper.id "${truncate(id, 40)}" is not an arXiv id; imported without it`);
    arxivId ??= arxivIdFromLinks(links);
    const paper: ParsedPaper = {
      title,
      abstract,
      links,
      arxivId,
      titleKey,
      slug: slugFromHash(title, hashTitleKey(titleKey)),
      line: n,
      authors: authorNames(pick("authors")),
      upstreamUpvotes: pick("upvotes") ?? null,
    };
    papers.push(paper);
  });

  if (papers.length === 0) throw new DigestRejectedError("no papers found: no entry has both a title and a summary");
  const fallback = options.date === undefined && days.size === 0 ? options.fallbackDate : undefined;
  if (fallback !== undefined) events.unshift({ type: "date", date: fallback, line: null, fallback: true });
  else events.unshift({ type: "date", date: options.date ?? digestDay(days, problem), line: null });
  for (const paper of papers) events.push({ type: "paper", paper });
  return events;
}

/** The importer reports repeats found in its staging table with this too (entry numbers, not lines). */
export function duplicateEntryMessage(firstEntry: number, title: string): string {
  return `duplicate of entry ${firstEntry}, skipped: "${truncate(title, PROBLEM_TITLE_LENGTH)}"`;
}

/**
 * The API lists one day's papers, so they share a day; a hand-merged file may not. The most common day
 * wins (the later one on a tie) and the disagreement is reported, so --date can settle it.
 */
function digestDay(
  days: Map<string, { count: number; first: number }>,
  problem: (entry: number, message: string) => void,
): string {
  if (days.size === 0) {
    throw new DigestRejectedError('no digest date found: no entry has a "publishedAt" date; pass --date YYYY-MM-DD');
  }
  const ranked = [...days].sort(([a, x], [b, y]) => y.count - x.count || b.localeCompare(a));
  const [day] = ranked[0]!;
  if (ranked.length > 1) {
    const others = ranked.slice(1);
    const tally = ranked.map(([d, { count }]) => `${d} ×${count}`).join(", ");
    problem(
      Math.min(...others.map(([, { first }]) => first)),
      `entries were published on different days (${tally}); the digest date is ${day}, pass --date to choose another`,
    );
  }
  return day;
}
