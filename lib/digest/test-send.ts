// `--to EMAIL`: one digest to one subscriber now, as a test; the ledger and their sent papers are left alone.
import type { Queryable } from "../db/queryable";
import { sendBatch } from "../mail/send";
import type { BatchOptions } from "../mail/types";
import { subscriberLinkToken } from "../subscribers/token";
import { loadCandidates, loadPapers } from "./catalogue";
import { createDigestComposer, type DigestPaper } from "./compose";
import { matchSavedSearches } from "../saved-searches/match";
import { papersIn } from "./paper-list";
import { loadReaderFollows, readerSearches } from "./reader";
import { createSectionNamer } from "./section-names";
import type { DigestPeriod } from "./period";
import { selectDigestFor } from "./select";
import { headingForPeriod } from "./wording";

export type TestSendResult =
  { ok: true; papers: number; sample: boolean; providerId: string | undefined } | { ok: false; error: string };

/**
 * The digest this subscriber would get in the period (their topics, minus papers they were sent);
 * when nothing is new for them, the period's top papers as a sample, so the test always shows an email.
 * Only for a subscriber who has not unsubscribed or bounced: a test must not mail someone who said no.
 */
export async function sendTestDigest(
  pool: Queryable,
  options: {
    period: DigestPeriod;
    email: string;
    topN?: number;
    perTopic?: number;
    siteUrl: string;
    mail?: Omit<BatchOptions, "batchKey">;
  },
): Promise<TestSendResult> {
  const { rows } = await pool.query<{
    id: number;
    email: string;
    token_seed: string;
    status: string;
    topics: number[];
    topics_only: boolean;
    sent: number[];
    previous_ms: string | null;
  }>(
    `SELECT s.id, s.email, s.token_seed::text AS token_seed, s.status::text AS status, s.digest_topics_only AS topics_only,
            (extract(epoch FROM s.last_sent_at) * 1000)::bigint::text AS previous_ms,
            coalesce((SELECT array_agg(t.tag_id ORDER BY tag.name, t.tag_id) FROM subscriber_topic t JOIN tag ON tag.id = t.tag_id WHERE t.subscriber_id = s.id), '{}') AS topics,
            coalesce((SELECT array_agg(paper_id) FROM sent_paper WHERE subscriber_id = s.id), '{}') AS sent
     FROM subscriber s WHERE lower(s.email) = lower($1)`,
    [options.email.trim()],
  );
  const subscriber = rows[0];
  if (!subscriber)
    return {
      ok: false,
      error: `${options.email} is not a subscriber; subscribe it first (the email needs its unsubscribe token)`,
    };
  if (subscriber.status === "UNSUBSCRIBED" || subscriber.status === "SUPPRESSED") {
    return {
      ok: false,
      error: `${subscriber.email} is ${subscriber.status.toLowerCase()}; a test digest is not sent to it`,
    };
  }

  const follows = (await loadReaderFollows(pool, [subscriber.id])).get(subscriber.id)!;
  const candidates = await loadCandidates(pool, options.period);
  const select = { topN: options.topN, perTopic: options.perTopic, firstDigestFrom: options.period.firstDigestFrom };
  const matches = await matchSavedSearches(
    pool,
    follows.searches.map((search) => search.query),
    candidates.map((candidate) => candidate.id),
  );
  const reader = {
    topics: subscriber.topics,
    topicsOnly: subscriber.topics_only,
    authors: follows.authors,
    searches: readerSearches(follows, matches),
    alreadySent: new Set(subscriber.sent),
    previousDigestAt: subscriber.previous_ms === null ? null : Number(subscriber.previous_ms),
  };
  let selection = selectDigestFor(reader, candidates, select);
  const sample = selection === null;
  selection ??= selectDigestFor({ ...reader, alreadySent: new Set(), previousDigestAt: null }, candidates, select);
  if (!selection) return { ok: false, error: `the period ${options.period.key} has no papers to show` };

  const papers = await loadPapers(pool, papersIn(selection));
  const names = createSectionNamer(pool);
  await names.load([selection]);
  await names.loadFollowedAuthors([subscriber.id]);
  const pick = (ids: number[]) =>
    ids.map((id) => papers.get(id)).filter((paper): paper is DigestPaper => paper !== undefined);
  const message = createDigestComposer({ siteUrl: options.siteUrl }).compose(
    {
      heading: headingForPeriod(options.period.key, selection.top.length > 0),
      top: pick(selection.top),
      sections: selection.sections.map((section) => ({
        heading: names.heading(section),
        papers: pick(section.ids),
        why: names.why(section, subscriber.id),
      })),
    },
    { email: subscriber.email, token: subscriberLinkToken(subscriber.token_seed) },
  );
  const [result] = await sendBatch([message], options.mail);
  if (!result?.ok) return { ok: false, error: result?.error ?? "not sent" };
  return { ok: true, papers: papersIn(selection).length, sample, providerId: result.id };
}
