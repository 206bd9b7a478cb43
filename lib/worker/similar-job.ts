// The worker's similar-backfill job: every minute, one batch of the similar lists a bulk import skipped.
import { backfillSimilar } from "../papers/similar-backfill";
import type { WorkerJob } from "./jobs";

export function similarBackfillJob(settings: { timeZone: string }): WorkerJob {
  return {
    name: "similar-backfill",
    cron: "* * * * *",
    timeZone: settings.timeZone,
    expireInSeconds: 15 * 60,
    run: async ({ pool }) => ({ ...(await backfillSimilar(pool)) }),
  };
}
