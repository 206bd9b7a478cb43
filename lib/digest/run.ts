// One digest run for a frequency: find the period, plan it, send it; what the CLI and the worker call.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { BatchOptions } from "../mail/types";
import { emailSiteUrl } from "../subscribers/links";
import { latestDigestDate, loadCandidates, loadPapers, loadTagNames } from "./catalogue";
import { papersIn } from "./paper-list";
import { digestPeriod, utcDate, type DigestFrequency } from "./period";
import { planPeriod, type PlanSummary, type PlannedDigest } from "./plan";
import { sendPlanned, type BatchReport, type SendPlannedOptions } from "./send";
import { sendTestDigest } from "./test-send";
import { oneLine } from "./wording";

export type RunDigestOptions = {
  frequency: DigestFrequency;
  /** Default: the clock. Daily runs use the latest digest on or before this day; weekly runs its ISO week and weekday (UTC). */
  now?: Date;
  /** Papers in the trending part (default 10). */
  topN?: number;
  /** Papers per followed-topic section (default 3). */
  perTopic?: number;
  /** Say who would get what; write nothing, send nothing. */
  dryRun?: boolean;
  /** Send one test digest to this subscriber only, outside the ledger (see lib/digest/test-send.ts). */
  to?: string;
  /** Names this sender in the ledger's claimed_by. Default: host:pid:random. */
  workerId?: string;
  /** How long a claimed batch is left alone before another run may take it over (default 15 minutes). */
  leaseMs?: number;
  mail?: Omit<BatchOptions, "batchKey" | "chunkSize">;
  /** Origin for every link in the email. Default: SITE_URL, else AUTH_URL, else localhost. */
  siteUrl?: string;
  /** Progress and dry-run lines. Default: nothing. */
  log?: (line: string) => void;
  /** Batches in flight at once in this process (default 1); see lib/digest/send.ts. */
  concurrency?: number;
  onBatch?: (report: BatchReport) => void;
  afterSend?: SendPlannedOptions["afterSend"];
};

export type DigestRunSummary = {
  /** The ledger period, or null when the catalogue has no digest yet. */
  period: string | null;
  dryRun: boolean;
  /** Ledger rows this run planned (would plan, in a dry run). */
  planned: number;
  /** Due subscribers with nothing new: no row, no email. */
  nothingNew: number;
  sent: number;
  /** Refused by the provider for good (e.g. an invalid address). */
  failed: number;
  /** Unsubscribed (or bounced) between planning and sending. */
  skipped: number;
  /** Rows of the period still waiting (a transient failure stopped the run, or another worker holds them). */
  pending: number;
  planMs: number;
  /** Where planning spent its time (lib/digest/plan.ts); absent when nothing was planned (no digest yet, --to). */
  planPhases?: PlanSummary["phases"];
  sendMs: number;
  /** --to only: why the test digest was not sent. */
  error?: string;
};

/**
 * Plans the period (idempotent: subscribers already in the ledger are skipped) and sends every
 * unsent batch of it. Safe to run again at any time and from any number of processes at once:
 * each subscriber gets at most one digest per period, and a run after a crash sends what is left.
 */
export async function runDigest(pool: pg.Pool, options: RunDigestOptions): Promise<DigestRunSummary> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => undefined);
  const summary: DigestRunSummary = {
    period: null,
    dryRun: Boolean(options.dryRun),
    planned: 0,
    nothingNew: 0,
    sent: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    planMs: 0,
    sendMs: 0,
  };
  const latest = await latestDigestDate(pool, utcDate(now));
  if (!latest) return summary;
  const period = digestPeriod(options.frequency, now, latest);
  summary.period = period.key;
  const siteUrl = options.siteUrl ?? emailSiteUrl();
  const select = { topN: options.topN, perTopic: options.perTopic };

  if (options.to) {
    const result = await sendTestDigest(pool, { period, email: options.to, siteUrl, mail: options.mail, ...select });
    if (result.ok) {
      summary.sent = 1;
      log(
        `test digest (${result.papers} papers${result.sample ? ", a sample: nothing is new for this subscriber" : ""}) sent to ${options.to}`,
      );
    } else summary.error = result.error;
    return summary;
  }

  let started = performance.now();
  let plan: PlanSummary;
  if (options.dryRun) {
    const describe = await describer(pool, period);
    plan = await planPeriod(pool, { period, ...select, dryRun: true, onPlanned: (planned) => log(describe(planned)) });
  } else {
    plan = await planPeriod(pool, { period, ...select });
  }
  summary.planned = plan.planned;
  summary.nothingNew = plan.nothingNew;
  summary.planMs = performance.now() - started;
  summary.planPhases = plan.phases;
  if (options.dryRun) return summary;

  started = performance.now();
  const sent = await sendPlanned(pool, {
    period: period.key,
    workerId: options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    leaseMs: options.leaseMs,
    mail: options.mail,
    siteUrl,
    onBatch: options.onBatch,
    concurrency: options.concurrency,
    afterSend: options.afterSend,
  });
  summary.sendMs = performance.now() - started;
  summary.sent = sent.sent;
  summary.failed = sent.failed;
  summary.skipped = sent.skipped;
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM digest_delivery WHERE period = $1 AND status IN ('PENDING', 'SENDING')`,
    [period.key],
  );
  summary.pending = rows[0]!.n;
  return summary;
}

/** One dry-run line per planned digest: who, how many papers, which sections, the first title. */
async function describer(
  pool: pg.Pool,
  period: ReturnType<typeof digestPeriod>,
): Promise<(planned: PlannedDigest) => string> {
  const candidates = await loadCandidates(pool, period);
  const papers = await loadPapers(
    pool,
    candidates.map((candidate) => candidate.id),
  );
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM tag`);
  const tags = await loadTagNames(
    pool,
    rows.map((row) => row.id),
  );
  return ({ email, selection }) => {
    const sections = selection.sections.map((section) => {
      const name =
        "followedAuthors" in section
          ? "followed authors"
          : "searchId" in section
            ? `saved search ${section.searchId}`
            : (tags.get(section.tagId) ?? `tag ${section.tagId}`);
      return `${name} ${section.ids.length}`;
    });
    const first = papers.get(selection.top[0]!)?.title ?? "?";
    return `${email}: ${papersIn(selection).length} papers (${selection.top.length} trending${sections.length ? `; ${sections.join(", ")}` : ""}), first "${oneLine(first)}"`;
  };
}
