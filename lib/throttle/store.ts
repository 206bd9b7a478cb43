// Sliding-window throttles shared by every web process: the events live in PostgreSQL.
import "server-only";
import { db } from "../db/prisma";
import { env } from "../env";

export type ThrottleRule = { bucket: string; limit: number; windowMs: number };
/** `buckets`: the rules that refused, so the caller can say which limit was reached. */
export type ThrottleResult = { ok: true } | { ok: false; retryAfterSeconds: number; buckets: string[] };

/**
 * Sign-in and subscription emails the whole site may send per hour (SITE_MAIL_CAP_PER_HOUR): rotating
 * addresses and networks cannot flood inboxes or burn the mail provider's quota past this.
 */
export function siteMailRule(): ThrottleRule {
  return { bucket: "mail:site", limit: env().SITE_MAIL_CAP_PER_HOUR, windowMs: 3_600_000 };
}
export const SITE_MAIL_KEY = "all";

/**
 * One mailbox per throttle key: case and a "+tag" do not make another inbox (victim+1@ and Victim@
 * reach the same person), so they share one allowance.
 */
export function mailboxKey(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0) return address;
  const local = address.slice(0, at).split("+", 1)[0] || address.slice(0, at);
  return `${local}${address.slice(at)}`;
}

/**
 * Records one attempt for each key under its rule, unless any key is already at its limit
 * (then nothing is recorded). One transaction with an advisory lock per key, so parallel
 * requests from several processes cannot all slip under the limit.
 */
export async function takeThrottle(
  attempts: { rule: ThrottleRule; key: string }[],
  now = new Date(),
): Promise<ThrottleResult> {
  return db().$transaction(async (tx) => {
    let retryAfterSeconds = 0;
    const buckets: string[] = [];
    // Lock in a fixed order so two requests sharing keys cannot deadlock.
    const sorted = [...attempts].sort((a, b) => `${a.rule.bucket}:${a.key}`.localeCompare(`${b.rule.bucket}:${b.key}`));
    for (const { rule, key } of sorted) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${rule.bucket}:${key}`}, 0))`;
      const since = new Date(now.getTime() - rule.windowMs);
      const rows = await tx.$queryRaw<{ count: number; oldest: Date | null }[]>`
        SELECT count(*)::int AS count, min(created_at) AS oldest FROM rate_limit_event
        WHERE bucket = ${rule.bucket} AND key = ${key} AND created_at > ${since}`;
      const { count, oldest } = rows[0]!;
      if (count >= rule.limit && oldest) {
        const wait = Math.ceil((oldest.getTime() + rule.windowMs - now.getTime()) / 1000);
        retryAfterSeconds = Math.max(retryAfterSeconds, wait, 1);
        buckets.push(rule.bucket);
      }
    }
    if (retryAfterSeconds > 0) return { ok: false as const, retryAfterSeconds, buckets };
    for (const { rule, key } of attempts) {
      await tx.$executeRaw`INSERT INTO rate_limit_event (bucket, key, created_at) VALUES (${rule.bucket}, ${key}, ${now})`;
    }
    // Old events are worthless; trimming here keeps the table small without a cron job.
    await tx.$executeRaw`DELETE FROM rate_limit_event WHERE created_at < ${new Date(now.getTime() - 7 * 86_400_000)}`;
    return { ok: true as const };
  });
}

/** "5 minutes", "1 hour": how long a throttled person waits, in words. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}
