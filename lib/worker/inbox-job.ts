// The worker's digest-inbox job: every minute, import the files waiting in DIGEST_INBOX (lib/ingest/inbox.ts).
import { processInbox } from "../ingest/inbox";
import type { WorkerJob } from "./jobs";

const INBOX_JOB_NAME = "digest-inbox";
/** Every minute: a dropped file waits at most a minute plus the settle time. */
const INBOX_CRON = "* * * * *";

/** Register with the worker's other jobs: `inboxJob({ inboxDir: env().DIGEST_INBOX, timeZone })`. */
export function inboxJob(settings: { inboxDir: string; timeZone: string }): WorkerJob {
  return {
    name: INBOX_JOB_NAME,
    cron: INBOX_CRON,
    timeZone: settings.timeZone,
    // Longer than any import; a worker that died mid-run leaves its claim to the inbox's own lease.
    expireInSeconds: 15 * 60,
    // File ages are compared with the clock, not with when the tick fired: a late tick must not
    // mistake a file that is still being written for a settled one.
    run: async ({ pool, workerId }) => {
      const result = await processInbox(pool, { inboxDir: settings.inboxDir, workerId, now: new Date() });
      const count = (status: string) => result.files.filter((file) => file.status === status).length;
      return {
        imported: count("IMPORTED"),
        unchanged: count("UNCHANGED"),
        rejected: count("REJECTED"),
        waiting: result.busy.length,
        requeued: result.requeued.length,
        // Symbolic links and other non-regular files: filed under rejected/ with a report, never read.
        skipped: result.skipped.length,
      };
    },
  };
}
