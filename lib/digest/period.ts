// Which digest period a run is for, and the days its papers come from (pure: `now` and the latest digest date come in).

export type DigestFrequency = "daily" | "weekly";

export type DigestPeriod = {
  /** The ledger key: "daily:2025-04-30" or "weekly:2025-W18". */
  key: string;
  frequency: DigestFrequency;
  /** Weekly subscribers whose weekday (0 = Sunday, UTC) is this one are due; null for daily. */
  weekday: number | null;
  /** The latest digest's date: the newest papers a digest can carry. */
  digestDate: string;
  /** Oldest first-seen day a candidate may have (older papers never reach a digest). */
  candidatesFrom: string;
  /** Oldest first-seen day of a subscriber's first digest: one day (daily) or one week (weekly). */
  firstDigestFrom: string;
};

const DAY_MS = 86_400_000;
/** Days of papers a digest looks back over: room for a missed run, bounded so old papers never resurface. */
const LOOKBACK_DAYS: Record<DigestFrequency, number> = { daily: 7, weekly: 14 };
const FIRST_DIGEST_DAYS: Record<DigestFrequency, number> = { daily: 1, weekly: 7 };

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 week of a UTC instant: "2026-W48" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/**
 * Daily digests follow the catalogue: one period per digest date, so a day with no new digest
 * plans nothing new (its period is already planned). Weekly digests follow the calendar: one period
 * per ISO week, sent to each subscriber on their weekday, covering the week up to the latest digest.
 */
export function digestPeriod(frequency: DigestFrequency, now: Date, latestDigestDate: string): DigestPeriod {
  const weekly = frequency === "weekly";
  return {
    key: weekly ? `weekly:${isoWeek(now)}` : `daily:${latestDigestDate}`,
    frequency,
    weekday: weekly ? now.getUTCDay() : null,
    digestDate: latestDigestDate,
    candidatesFrom: addDays(latestDigestDate, 1 - LOOKBACK_DAYS[frequency]),
    firstDigestFrom: addDays(latestDigestDate, 1 - FIRST_DIGEST_DAYS[frequency]),
  };
}

/** "YYYY-MM-DD" of a UTC instant. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}
