// What /admin shows about the fetch: on or off, the next scheduled run, and the last fetch of each recent day.
import cronParser from "cron-parser";
import type { Queryable } from "../db/queryable";
import type { Env } from "../env";
import { listFetchStates, type FetchState } from "./state";

export type FetchOverview = {
  enabled: boolean;
  cron: string;
  timeZone: string;
  nextRun: Date | null;
  days: FetchState[];
};

/** The next tick of the worker's schedule after `now` (pg-boss reads the same cron with the same parser). */
export function nextFetchRun(cron: string, timeZone: string, now: Date): Date {
  return cronParser.parseExpression(cron, { currentDate: now, tz: timeZone }).next().toDate();
}

export async function fetchOverview(
  pool: Queryable,
  settings: Pick<Env, "HF_FETCH" | "HF_FETCH_CRON" | "DIGEST_TIMEZONE">,
  now: Date,
): Promise<FetchOverview> {
  const enabled = settings.HF_FETCH === "on";
  return {
    enabled,
    cron: settings.HF_FETCH_CRON,
    timeZone: settings.DIGEST_TIMEZONE,
    nextRun: enabled ? nextFetchRun(settings.HF_FETCH_CRON, settings.DIGEST_TIMEZONE, now) : null,
    days: await listFetchStates(pool),
  };
}
