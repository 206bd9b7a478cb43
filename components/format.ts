// Date formatting for "YYYY-MM-DD" digest dates (and ISO timestamps), always in UTC so server and reader agree;
// counts; excerpts.
const LONG = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
const MEDIUM = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
// Built once: `n.toLocaleString("en")` builds a formatter on every call (~8x slower), and cards format several counts.
const COUNT = new Intl.NumberFormat("en");

function toDate(value: string): Date {
  return new Date(`${value.slice(0, 10)}T00:00:00Z`);
}

/** "April 30, 2025" */
export function formatLongDate(value: string): string {
  return LONG.format(toDate(value));
}

/** "Apr 30, 2025" */
export function formatDate(value: string): string {
  return MEDIUM.format(toDate(value));
}

/** "12,345" */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** The first sentences of an abstract, cut at a word boundary: for cards and meta descriptions. */
export function excerpt(text: string, maxLength = 200): string {
  // Whitespace is collapsed in the head only: over whole abstracts it cost more than the rest of a card's render.
  let clean = collapseSpaces(text.slice(0, maxLength * 2));
  if (clean.length <= maxLength) clean = collapseSpaces(text); // short, or a head that was mostly blanks
  if (clean.length <= maxLength) return clean;
  const cut = clean.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
