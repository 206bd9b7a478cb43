// Owns recognising a digest's date line and inferring the year when the line leaves it out.
import { isValidDate, parseIsoDate, type YMD } from "../iso-date";

const MONTHS: ReadonlyMap<string, number> = new Map([
  ["jan", 1],
  ["january", 1],
  ["feb", 2],
  ["february", 2],
  ["mar", 3],
  ["march", 3],
  ["apr", 4],
  ["april", 4],
  ["may", 5],
  ["jun", 6],
  ["june", 6],
  ["jul", 7],
  ["july", 7],
  ["aug", 8],
  ["august", 8],
  ["sep", 9],
  ["sept", 9],
  ["september", 9],
  ["oct", 10],
  ["october", 10],
  ["nov", 11],
  ["november", 11],
  ["dec", 12],
  ["december", 12],
]);

// A weekday is tolerated but not checked against the date: the page shows it for people, not for us.
const WEEKDAY_PREFIX = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?$/i;

function formatDate({ year, month, day }: YMD): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The latest valid month/day not after `today` (Feb 29 walks back to a leap year). */
function inferYear(month: number, day: number, today: YMD): number | null {
  let year = today.year;
  if (month > today.month || (month === today.month && day > today.day)) year -= 1;
  // At most 8 steps back reaches a leap year (1900/2100 skip one); more means the day never exists.
  for (let tries = 0; tries < 9; tries++, year--) {
    if (isValidDate(year, month, day)) return year;
  }
  return null;
}

function fromParts(monthName: string, dayText: string, yearText: string | undefined, today: string): string | null {
  const month = MONTHS.get(monthName.toLowerCase());
  if (month === undefined) return null;
  const day = Number(dayText);
  if (yearText !== undefined) {
    const year = Number(yearText);
    return isValidDate(year, month, day) ? formatDate({ year, month, day }) : null;
  }
  const todayParts = parseIsoDate(today);
  if (!todayParts) throw new Error(`today must be YYYY-MM-DD, got "${today}"`);
  // "Feb 30" must stay "not a date" rather than rolling into a leap-year search.
  if (!isValidDate(2000, month, day)) return null;
  const year = inferYear(month, day, todayParts);
  return year === null ? null : formatDate({ year, month, day });
}

/**
 * Returns the digest date as YYYY-MM-DD, or null when the line is not a date line.
 * Accepts "Apr 30", "Apr 30, 2025", "April 30, 2025", "30 Apr 2025", "2025-04-30", optionally after a weekday.
 */
export function parseDigestDateLine(line: string, today: string): string | null {
  let text = line.trim();
  // Cheap reject: no date line is long, and this runs on every preamble block.
  if (text.length === 0 || text.length > 40) return null;
  const iso = parseIsoDate(text);
  if (iso) return formatDate(iso);
  text = text.replace(WEEKDAY_PREFIX, "");
  const md = MONTH_DAY_YEAR.exec(text);
  if (md) return fromParts(md[1]!, md[2]!, md[3], today);
  const dm = DAY_MONTH_YEAR.exec(text);
  if (dm) return fromParts(dm[2]!, dm[1]!, dm[3], today);
  return null;
}
