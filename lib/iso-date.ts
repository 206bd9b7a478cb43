// Calendar days written YYYY-MM-DD: the one check every input boundary uses (CLI, URLs, API, parser).

export type YMD = { year: number; month: number; day: number };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST surprises.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when month/day exist in that year (Feb 29 only in leap years). */
export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses a strict YYYY-MM-DD string into its parts, or null if it is not a real calendar day. */
export function parseIsoDate(value: string): YMD | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/** A real calendar day written YYYY-MM-DD ("2025-02-30" and "2025-4-30" are not). */
export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}
