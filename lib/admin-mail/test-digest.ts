// "Send a test digest to me": admins only, checked here on the server whatever the page or action checked before.
import "server-only";
import { checkAdmin } from "../auth/admin-check";
import type { SessionUser } from "../auth/session";
import { runDigest, type DigestRunSummary } from "../digest/run";
import { env } from "../env";
import { serverPool } from "../db/pool";

export type TestDigestOutcome = { ok: true; message: string } | { ok: false; status: 401 | 403 | 422; error: string };

/** Sends today's digest to one address; injected so tests can swap in the provider or the outbox. */
export type TestDigestSender = (email: string) => Promise<DigestRunSummary>;

const sendWithDigestPipeline: TestDigestSender = (email) =>
  runDigest(serverPool(), { frequency: "daily", now: new Date(), to: email, dryRun: false, topN: env().DIGEST_TOP_N });

/**
 * The signed-in admin's own address gets the digest they would get today (a sample of the top papers when
 * nothing is new for them). The digest pipeline only mails subscribers, since every email carries an
 * unsubscribe link: an admin who has not subscribed is told so.
 */
export async function sendTestDigestAs(
  user: SessionUser | null,
  send: TestDigestSender = sendWithDigestPipeline,
): Promise<TestDigestOutcome> {
  const check = checkAdmin(user);
  // The admin rule is shared; the words are the /admin/mail page's.
  if (!check.ok)
    return {
      ok: false,
      status: check.status,
      error: check.status === 401 ? "Sign in first." : "Only admins can send a test digest.",
    };
  const summary = await send(check.user.email);
  if (summary.period === null)
    return { ok: false, status: 422, error: "There is no digest in the catalogue yet: import one first." };
  if (summary.error) return { ok: false, status: 422, error: `Not sent: ${summary.error}.` };
  return { ok: true, message: `A test digest for ${summary.period} is on its way to ${check.user.email}.` };
}
