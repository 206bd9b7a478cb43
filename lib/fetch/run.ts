// Owns a fetch run: which days, one run at a time across processes, and a range that goes on past a failed day.
import { fetchAndImportDay, type DayContext, type DayOutcome } from "./import-day";

/** One fetch run at a time, whoever starts it (worker, `npm run fetch`, the admin button). */
const FETCH_LOCK = 0x5050_4846; // "PPHF"
/** A range longer than this is a typo, not a backfill (a year of days at one request a second is six minutes). */
export const MAX_RANGE_DAYS = 366;

export type FetchRun = { busy: true } | { busy: false; days: DayOutcome[] };

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every day from `from` to `to`, both included, oldest first. */
export function dayRange(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const days: string[] = [];
  for (let ms = start; ms <= end; ms += DAY_MS) days.push(dayOf(ms));
  return days;
}

/** What a scheduled run looks at: `lookback` days before today, then today (late additions and upvotes change). */
export function recentDays(today: string, lookback: number): string[] {
  return dayRange(dayOf(Date.parse(`${today}T00:00:00Z`) - lookback * DAY_MS), today);
}

/** Fetches `days` in order; a failed day is reported and the run goes on. Returns busy when another run holds the lock. */
export async function fetchDays(
  context: DayContext,
  days: string[],
  onDay: (outcome: DayOutcome, index: number) => void = () => undefined,
): Promise<FetchRun> {
  const holder = await context.pool.connect();
  try {
    const { rows } = await holder.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [FETCH_LOCK]);
    if (!rows[0]!.locked) return { busy: true };
    try {
      const outcomes: DayOutcome[] = [];
      for (const [index, day] of days.entries()) {
        const outcome = await fetchAndImportDay(context, day);
        outcomes.push(outcome);
        onDay(outcome, index);
      }
      return { busy: false, days: outcomes };
    } finally {
      await holder.query("SELECT pg_advisory_unlock($1)", [FETCH_LOCK]);
    }
  } finally {
    holder.release();
  }
}

/** The counts a worker logs and the admin button reports. */
export function tally(days: DayOutcome[]): Record<"new" | "updated" | "unchanged" | "failed", number> {
  const count = (result: DayOutcome["result"]) => days.filter((day) => day.result === result).length;
  return { new: count("NEW"), updated: count("UPDATED"), unchanged: count("UNCHANGED"), failed: count("FAILED") };
}
