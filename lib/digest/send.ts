// Sends a planned period batch by batch: claim, render, hand to the mail module under the batch's idempotency key, mark.
import type pg from "pg";
import { sendBatch } from "../mail/send";
import type { BatchItemResult, BatchOptions } from "../mail/types";
import { loadPapers } from "./catalogue";
import { createDigestComposer, type DigestContent, type DigestPaper } from "./compose";
import { claimBatch, markDeliveries, type ClaimedDelivery, type DeliveryOutcome } from "./ledger";
import { decodePaperList, papersIn } from "./paper-list";
import { createSectionNamer } from "./section-names";
import { headingForPeriod } from "./wording";

/** A claim outlives any one batch's retries (5 tries, waits up to a minute each) with room to spare. */
const DEFAULT_LEASE_MS = 15 * 60_000;
/** Resend's default team limit, requests per second (lib/mail/send.ts uses the same when not told). */
const RESEND_RATE_PER_SECOND = 5;

export type SendPlannedOptions = {
  /** The ledger key, "daily:2025-04-30". */
  period: string;
  workerId: string;
  leaseMs?: number;
  /** Provider settings for lib/mail (apiKey, baseUrl, ratePerSecond, retries...). batchKey is ours. */
  mail?: Omit<BatchOptions, "batchKey" | "chunkSize">;
  siteUrl: string;
  /** Called after the provider answered and before the ledger is marked: tests stop the sender here. */
  afterSend?: (batch: number, results: BatchItemResult[]) => void | Promise<void>;
  /**
   * Batches in flight at once in this process (default 1): one renders and marks while another waits on
   * the provider. The rate limit is shared out, so the provider never sees more than ratePerSecond.
   */
  concurrency?: number;
  /** Per batch, for progress and the benchmark. */
  onBatch?: (report: BatchReport) => void;
};

export type BatchReport = {
  batch: number;
  emails: number;
  sent: number;
  failed: number;
  retry: number;
  /** Claiming the batch in the ledger. */
  claimMs: number;
  /** Reading its papers and names, and rendering every email. */
  renderMs: number;
  /** Handing the batch to the provider (or the outbox) and waiting for the answer. */
  sendMs: number;
  /** Recording the outcomes (and the sent papers) in the ledger. */
  markMs: number;
  /** From the claim to the mark. */
  totalMs: number;
};
export type SendSummary = {
  sent: number;
  failed: number;
  skipped: number;
  retry: number;
  batches: number;
  stoppedEarly: boolean;
};

// Our own message format (lib/mail/retry.ts): Resend refuses a key it has already ACCEPTED with another
// payload. A batch's emails can only shrink between attempts (a subscriber who left is skipped), so
// this answer means everyone still in the batch got the earlier, accepted email.
const ALREADY_ACCEPTED = /\b409 invalid_idempotent_request\b/;

/**
 * Claims and sends batches until none is left. A batch with a transient failure (provider down after
 * the mail module's own retries) goes back to PENDING and stops this run: the next run resumes it
 * with the same key. Permanent failures (a rejected address) close that row as FAILED; the rest go on.
 */
export async function sendPlanned(pool: pg.Pool, options: SendPlannedOptions): Promise<SendSummary> {
  const composer = createDigestComposer({ siteUrl: options.siteUrl });
  const papers = new Map<number, DigestPaper>();
  const summary: SendSummary = { sent: 0, failed: 0, skipped: 0, retry: 0, batches: 0, stoppedEarly: false };
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;

  const concurrency = Math.max(1, options.concurrency ?? 1);
  const mail = {
    ...options.mail,
    ratePerSecond: (options.mail?.ratePerSecond ?? RESEND_RATE_PER_SECOND) / concurrency,
  };
  let stop = false;

  async function loop() {
    let after = -1;
    while (!stop) {
      const claiming = performance.now();
      const claim = await claimBatch(pool, { period: options.period, workerId: options.workerId, leaseMs, after });
      if (!claim) break;
      after = claim.batch;
      summary.skipped += claim.skipped;
      if (claim.deliveries.length === 0) continue;
      const started = performance.now();

      const selections = claim.deliveries.map((delivery) => decodePaperList(delivery.paperList));
      const missingPapers = [...new Set(selections.flatMap(papersIn))].filter((id) => !papers.has(id));
      for (const [id, paper] of await loadPapers(pool, missingPapers)) papers.set(id, paper);
      // A namer per batch: saved-search names and followed authors are per subscriber, so one kept for the
      // whole run grew with every batch (100,000 subscribers: +250 MB of RSS); topic names cost one query.
      const names = createSectionNamer(pool);
      await names.load(selections);
      await names.loadFollowedAuthors(
        claim.deliveries.flatMap((delivery, i) =>
          selections[i]!.sections.some((section) => "followedAuthors" in section) ? [delivery.subscriberId] : [],
        ),
      );

      const heading = headingForPeriod(options.period);
      const topicsHeading = headingForPeriod(options.period, false);
      const pick = (ids: number[]) =>
        ids.map((id) => papers.get(id)).filter((paper): paper is DigestPaper => paper !== undefined);
      const contents = selections.map((selection, i): DigestContent => ({
        // An "Only my topics" email has no trending part (lib/digest/select.ts).
        heading: selection.top.length > 0 ? heading : topicsHeading,
        top: pick(selection.top),
        sections: selection.sections
          .map((section) => ({
            heading: names.heading(section),
            papers: pick(section.ids),
            why: names.why(section, claim.deliveries[i]!.subscriberId),
          }))
          .filter((section) => section.papers.length > 0),
      }));
      // A digest whose papers were all deleted since planning is not sent as an empty email.
      const sendable = claim.deliveries
        .map((_, i) => i)
        .filter((i) => contents[i]!.top.length > 0 || contents[i]!.sections.length > 0);
      // The rendered messages are handed over, not kept: sendBatch encodes them before its first request,
      // so their strings can be collected while the provider answers (a local here would hold them).
      const sending = sendBatch(
        sendable.map((i) => ({
          ...composer.compose(contents[i]!, claim.deliveries[i]!),
          // Used if the batch is split to find a rejected address: one key per person per period.
          idempotencyKey: `digest:${options.period}:s${claim.deliveries[i]!.subscriberId}`,
        })),
        { ...mail, batchKey: `digest:${options.period}:${claim.batch}` },
      );
      const rendered = performance.now();

      const sentResults = await sending;
      const answered = performance.now();
      const results: BatchItemResult[] = claim.deliveries.map((_, index) => ({
        index,
        ok: false,
        error: "skipped: its papers were removed from the catalogue",
        permanent: true,
      }));
      sendable.forEach((i, position) => (results[i] = { ...sentResults[position]!, index: i }));
      await options.afterSend?.(claim.batch, results);

      const outcomes = claim.deliveries.map((delivery, i) => outcomeOf(delivery, results[i]!));
      const marking = performance.now();
      await markDeliveries(pool, options.workerId, outcomes);
      const counts = { sent: 0, failed: 0, retry: 0 };
      for (const o of outcomes) counts[o.outcome] += 1;
      summary.sent += counts.sent;
      summary.failed += counts.failed;
      summary.retry += counts.retry;
      summary.batches += 1;
      options.onBatch?.({
        batch: claim.batch,
        emails: sendable.length,
        ...counts,
        claimMs: started - claiming,
        renderMs: rendered - started,
        sendMs: answered - rendered,
        markMs: performance.now() - marking,
        totalMs: performance.now() - claiming,
      });
      if (counts.retry > 0) {
        summary.stoppedEarly = true;
        stop = true;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  return summary;
}

function outcomeOf(delivery: ClaimedDelivery, result: BatchItemResult): DeliveryOutcome {
  if (result.ok) return { id: delivery.id, outcome: "sent", providerId: result.id ?? null };
  const error = result.error ?? "unknown error";
  if (ALREADY_ACCEPTED.test(error))
    return {
      id: delivery.id,
      outcome: "sent",
      providerId: null,
      note: "accepted earlier under the same idempotency key",
    };
  return result.permanent
    ? { id: delivery.id, outcome: "failed", error }
    : { id: delivery.id, outcome: "retry", error };
}
