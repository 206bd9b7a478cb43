// The worker's Hugging Face job: on HF_FETCH_CRON, fetch today and the last few days (lib/fetch), once across all workers.
import type { HfClientSettings } from "../fetch/client";
import { formatDayLine } from "../fetch/format";
import { fetchDays, recentDays, tally } from "../fetch/run";
import { fetchContext } from "../fetch/settings";
import type { WorkerJob } from "./jobs";

export const FETCH_JOB_NAME = "hf-fetch";

export type FetchJobSettings = {
  cron: string;
  timeZone: string;
  apiUrl: string;
  token?: string;
  lookbackDays: number;
  log?: (line: string) => void;
  /** Tests pass a virtual clock and small limits. */
  client?: Partial<HfClientSettings> & { pageSize?: number };
};

/** Register beside the other jobs unless HF_FETCH=off. A failed day is logged and counted; the next tick tries again. */
export function fetchJob(settings: FetchJobSettings): WorkerJob {
  const log = settings.log ?? ((line: string) => console.info(line));
  return {
    name: FETCH_JOB_NAME,
    cron: settings.cron,
    timeZone: settings.timeZone,
    // Retries wait at most two minutes per request; a run far past that is a dead worker.
    expireInSeconds: 30 * 60,
    // The tick's UTC day, not the pick-up time: Hugging Face's days are UTC days.
    run: async ({ pool, now }) => {
      const today = now.toISOString().slice(0, 10);
      const context = fetchContext(
        { HF_API_URL: settings.apiUrl, HF_TOKEN: settings.token },
        pool,
        today,
        settings.client,
      );
      const run = await fetchDays(context, recentDays(today, settings.lookbackDays), (outcome) =>
        log(`[worker] ${FETCH_JOB_NAME} ${formatDayLine(outcome)}`),
      );
      if (run.busy) return { skipped: "another fetch is running" };
      return { days: run.days.length, ...tally(run.days), requests: context.client.requests };
    },
  };
}
