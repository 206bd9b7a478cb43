// The worker's similar-lists job: every minute, one batch of the papers imports queued (their "similar papers"),
// announcing only the papers whose lists changed (their own pages), never clearing every page cache.
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
