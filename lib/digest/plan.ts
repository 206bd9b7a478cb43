// Plans a period: one ledger row per due subscriber with something new, holding the exact papers of their email.
import type pg from "pg";
import { loadCandidates } from "./catalogue";
import { matchSavedSearches } from "../saved-searches/match";
import { encodePaperList } from "./paper-list";
import type { DigestPeriod } from "./period";
import { loadReaderFollows, readerSearches } from "./reader";
import { indexCandidates, selectDigestFor, type DigestSelection } from "./select";

/** Emails per batch: Resend's batch limit, so one batch is one provider call with one idempotency key. */
const BATCH_SIZE = 100;
/** Subscribers read per query: set-based reads of topics, follows and sent papers without holding 100,000 in memory. */
const CHUNK = 1000;

export type PlanOptions = {
  period: DigestPeriod;
  topN?: number;
  perTopic?: number;
  /** Papers in the followed-authors section (default 5). */
  perAuthors?: number;
  /** Only this subscriber (id), e.g. for a test send. */
  subscriberId?: number;
  /** Compute and report, write nothing. */
  dryRun?: boolean;
  /** Each planned digest (also in a dry run), in subscriber order. */
  onPlanned?: (planned: PlannedDigest) => void;
};

export type PlannedDigest = { subscriberId: number; email: string; selection: DigestSelection };
export type PlanSummary = {
  planned: number;
  nothingNew: number;
  candidates: number;
  /** Milliseconds per phase: candidates, saved searches (each distinct one once), readers, follows, selection, ledger. */
  phases: Record<PlanPhase, number>;
};
type PlanPhase = "candidates" | "searches" | "readers" | "follows" | "selection" | "ledger";

type SubscriberRow = {
  id: number;
  email: string;
  previous_ms: string | null;
  topics: number[];
  topics_only: boolean;
  sent: number[];
};

/**
 * Every confirmed subscriber due in the period (daily; or weekly on today's weekday) who has no ledger
 * row for it yet gets one, with the papers chosen now, in batches of BATCH_SIZE numbered after the
 * period's existing batches. One transaction under an advisory lock on the period: two workers planning
 * at once plan each subscriber once (the second finds the rows; ON CONFLICT is the backstop).
 * Subscribers with nothing new get no row and no email; a later run re-checks them.
 */
export async function planPeriod(pool: pg.Pool, options: PlanOptions): Promise<PlanSummary> {
  const { period } = options;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (!options.dryRun)
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`digest-plan:${period.key}`]);
    const phases: Record<PlanPhase, number> = {
      candidates: 0,
      searches: 0,
      readers: 0,
      follows: 0,
      selection: 0,
      ledger: 0,
    };
    let clock = performance.now();
    const lap = (phase: PlanPhase) => {
      const now = performance.now();
      phases[phase] += now - clock;
      clock = now;
    };
    const candidates = await loadCandidates(client, period);
    const candidateIds = candidates.map((candidate) => candidate.id);
    const index = indexCandidates(candidates);
    lap("candidates");
    // Every distinct saved search once for the whole period, however many subscribers keep it.
    const { rows: saved } = await client.query<{ query: string }>(`SELECT DISTINCT query FROM saved_search`);
    // On the pool, beside this transaction: the searches only read the catalogue, and two connections halve the wait.
    const matches = await matchSavedSearches(
      pool,
      saved.map((row) => row.query),
      candidateIds,
      2,
    );
    lap("searches");
    const next = (
      await client.query<{ next: number }>(
        `SELECT coalesce(max(batch) + 1, 0)::int AS next FROM digest_delivery WHERE period = $1`,
        [period.key],
      )
    ).rows[0]!.next;

    let planned = 0;
    let nothingNew = 0;
    let after = 0;
    for (;;) {
      const { rows } = await client.query<SubscriberRow>(
        `SELECT s.id, s.email, s.digest_topics_only AS topics_only,
                (extract(epoch FROM s.last_sent_at) * 1000)::bigint::text AS previous_ms,
                coalesce((SELECT array_agg(t.tag_id ORDER BY tag.name, t.tag_id) FROM subscriber_topic t JOIN tag ON tag.id = t.tag_id
                          WHERE t.subscriber_id = s.id), '{}') AS topics,
                coalesce((SELECT array_agg(sp.paper_id) FROM sent_paper sp
                          WHERE sp.subscriber_id = s.id AND sp.paper_id = ANY($3::int[])), '{}') AS sent
         FROM subscriber s
         WHERE s.status = 'CONFIRMED' AND s.frequency = $2::"DigestFrequency" AND s.id > $4
           AND ($5::smallint IS NULL OR s.weekday = $5::smallint)
           AND ($6::int IS NULL OR s.id = $6::int)
           AND NOT EXISTS (SELECT 1 FROM digest_delivery d WHERE d.period = $1 AND d.subscriber_id = s.id)
         ORDER BY s.id LIMIT ${CHUNK}`,
        [period.key, period.frequency.toUpperCase(), candidateIds, after, period.weekday, options.subscriberId ?? null],
      );
      lap("readers");
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      // The chunk's follows and saved searches in two set-based statements, not two subqueries per subscriber.
      const follows = await loadReaderFollows(
        client,
        rows.map((row) => row.id),
      );
      lap("follows");

      const ids: number[] = [];
      const lists: string[] = [];
      const batches: number[] = [];
      for (const row of rows) {
        const selection = selectDigestFor(
          {
            topics: row.topics,
            topicsOnly: row.topics_only,
            authors: follows.get(row.id)!.authors,
            searches: readerSearches(follows.get(row.id)!, matches),
            alreadySent: new Set(row.sent),
            previousDigestAt: row.previous_ms === null ? null : Number(row.previous_ms),
          },
          candidates,
          {
            topN: options.topN,
            perTopic: options.perTopic,
            perAuthors: options.perAuthors,
            firstDigestFrom: period.firstDigestFrom,
          },
          index,
        );
        if (!selection) {
          nothingNew += 1;
          continue;
        }
        ids.push(row.id);
        lists.push(`{${encodePaperList(selection).join(",")}}`);
        batches.push(next + Math.floor(planned / BATCH_SIZE));
        planned += 1;
        options.onPlanned?.({ subscriberId: row.id, email: row.email, selection });
      }
      lap("selection");
      if (!options.dryRun && ids.length > 0) {
        await client.query(
          `INSERT INTO digest_delivery (period, subscriber_id, paper_ids, batch)
           SELECT $1, u.subscriber_id, u.paper_ids::int[], u.batch
           FROM unnest($2::int[], $3::text[], $4::int[]) AS u(subscriber_id, paper_ids, batch)
           ON CONFLICT (period, subscriber_id) DO NOTHING`,
          [period.key, ids, lists, batches],
        );
      }
      lap("ledger");
      if (rows.length < CHUNK) break;
    }
    await client.query(options.dryRun ? "ROLLBACK" : "COMMIT");
    return { planned, nothingNew, candidates: candidates.length, phases };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
