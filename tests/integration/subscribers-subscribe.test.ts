// Subscribing against the real database and the real mailer (outbox): double opt-in, bad input, throttling, coming back, accounts.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLatestOutboxMessage, listOutbox, readOutboxMessage } from "../../lib/mail/outbox";
import { saveAccountSubscription, unsubscribeAccount } from "../../lib/subscribers/account";
import { confirmSubscription } from "../../lib/subscribers/confirm";
import { subscriptionForUser } from "../../lib/subscribers/queries";
import { resubscribeByToken } from "../../lib/subscribers/resubscribe";
import { subscribe, type SubscribeContext } from "../../lib/subscribers/subscribe";
import { SUBSCRIBE_MAILS_PER_EMAIL, SUBSCRIBE_PER_CLIENT } from "../../lib/throttle/subscribe";
import { subscriberLinkToken } from "../../lib/subscribers/token";
import { unsubscribe } from "../../lib/subscribers/unsubscribe";
import { setUpTestDatabase } from "../support/database";
import { createUser } from "./helpers/users";

const testDb = setUpTestDatabase();
const ORIGIN = "https://papers.example.org";
let outboxDir: string;
let client = 0;

beforeAll(async () => {
  outboxDir = await mkdtemp(path.join(os.tmpdir(), "pp-subscribers-"));
  await testDb.pool.query(
    `INSERT INTO tag (slug, name, kind) VALUES ('video', 'Video', 'TOPIC'), ('benchmark', 'Benchmarks & evaluation', 'TOPIC'), ('my-notes', 'My notes', 'USER')`,
  );
});

afterAll(async () => {
  await rm(outboxDir, { recursive: true, force: true });
});

/** A different client address per call unless given: only the tests about the client throttle share one. */
function context(extra: Partial<SubscribeContext> = {}): SubscribeContext {
  return {
    clientAddress: `10.1.0.${++client}`,
    origin: ORIGIN,
    mail: { apiKey: null, outboxDir, log: () => {} },
    ...extra,
  };
}

async function mailTo(email: string) {
  return (await listOutbox(1000, { outboxDir })).filter((message) => message.to === email);
}

async function subscriber(email: string) {
  const { rows } = await testDb.pool.query(
    `SELECT s.status, s.frequency, s.weekday, s.token_seed::text AS token_seed, s.user_id, s.confirmed_at, s.unsubscribed_at,
            coalesce(array_agg(t.slug ORDER BY t.slug) FILTER (WHERE t.id IS NOT NULL), '{}') AS topics
     FROM subscriber s LEFT JOIN subscriber_topic st ON st.subscriber_id = s.id LEFT JOIN tag t ON t.id = st.tag_id
     WHERE s.email = $1 GROUP BY s.id`,
    [email],
  );
  // The token its links carry, derived from the stored seed as every email does.
  return rows[0] && { ...rows[0], token: subscriberLinkToken(rows[0].token_seed) };
}

const OLD_SEED = "00000000-0000-4000-8000-000000000000";
const confirmLinkIn = (text: string) =>
  text.match(/https:\/\/papers\.example\.org\/subscribe\/confirm\/([A-Za-z0-9_-]{43})/);

describe("double opt-in", () => {
  it("subscribing mails a confirmation link carrying the token and sends nothing else until it is followed", async () => {
    const result = await subscribe(
      { email: "Ada@Example.org", frequency: "weekly", weekday: "3", topics: ["video", "benchmark"] },
      context(),
    );
    expect(result).toEqual({
      ok: true,
      email: "ada@example.org",
      subscribed: false,
      message: expect.stringMatching(/^Check your inbox/),
    });

    const row = await subscriber("ada@example.org");
    expect(row).toMatchObject({
      status: "PENDING",
      frequency: "WEEKLY",
      weekday: 3,
      topics: ["benchmark", "video"],
      confirmed_at: null,
    });
    const sent = await mailTo("ada@example.org");
    expect(sent.map((message) => message.subject)).toEqual(["Confirm your PaperPulse subscription"]);

    const message = await findLatestOutboxMessage({ to: "ada@example.org" }, { outboxDir });
    const link = confirmLinkIn(message!.text);
    expect(link?.[1]).toBe(row.token);
    expect(message!.html).toContain("Confirm subscription");
    expect(message!.text).toContain(
      "weekly digest on Wednesdays, trending plus topics: Benchmarks & evaluation, Video",
    );
  });

  it("following the link's button confirms the subscription; confirming again changes nothing", async () => {
    const { token } = await subscriber("ada@example.org");
    const confirmed = await confirmSubscription(token, new Date("2026-02-01T10:00:00Z"));
    expect(confirmed).toMatchObject({
      ok: true,
      subscription: { email: "ada@example.org", status: "CONFIRMED", frequency: "WEEKLY" },
    });
    expect(await confirmSubscription(token, new Date("2026-02-02T10:00:00Z"))).toMatchObject({ ok: true });
    expect((await subscriber("ada@example.org")).confirmed_at).toEqual(new Date("2026-02-01T10:00:00Z"));
  });

  it("an unknown or malformed token confirms nothing and says the link is not valid", async () => {
    expect(await confirmSubscription("A".repeat(43))).toMatchObject({
      ok: false,
      status: 404,
      error: expect.stringMatching(/not valid/),
    });
    expect(await confirmSubscription("../../etc")).toMatchObject({ ok: false, status: 404 });
  });
});

describe("bad input", () => {
  it("a malformed address is refused on the email field and nothing is stored or sent", async () => {
    const result = await subscribe({ email: "ada-at-example.org", frequency: "daily" }, context());
    expect(result).toEqual({
      ok: false,
      error: "Enter an email address like ada@example.org.",
      fieldErrors: { email: "Enter an email address like ada@example.org." },
    });
    expect(await subscriber("ada-at-example.org")).toBeUndefined();
    expect(await mailTo("ada-at-example.org")).toEqual([]);
  });

  it("a topic that does not exist, or a person's own tag, is named in the error and nothing is sent", async () => {
    for (const topic of ["no-such-topic", "my-notes"]) {
      const result = await subscribe(
        { email: "typo@example.org", frequency: "daily", topics: ["video", topic] },
        context(),
      );
      expect(result).toEqual({
        ok: false,
        error: expect.stringContaining(`"${topic}"`),
        fieldErrors: { topics: expect.stringContaining(`"${topic}"`) },
      });
    }
    expect(await subscriber("typo@example.org")).toBeUndefined();
    expect(await mailTo("typo@example.org")).toEqual([]);
  });
});

describe("repeated requests", () => {
  it("asking again and again sends at most three emails a day to the address, then says one was already sent", async () => {
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(await subscribe({ email: "eager@example.org", frequency: "daily" }, context()));
    expect(await mailTo("eager@example.org")).toHaveLength(SUBSCRIBE_MAILS_PER_EMAIL.limit);
    expect(results.slice(3)).toEqual(
      Array(3).fill({
        ok: true,
        email: "eager@example.org",
        subscribed: false,
        message: "We already sent a confirmation to eager@example.org. Check your inbox (and the spam folder).",
      }),
    );
    // Every email carries the same token, so any of them confirms.
    const messages = await Promise.all(
      (await mailTo("eager@example.org")).map(({ id }) => readOutboxMessage(id, { outboxDir })),
    );
    const tokens = new Set(messages.map((message) => confirmLinkIn(message!.text)?.[1]));
    expect(tokens).toEqual(new Set([(await subscriber("eager@example.org")).token]));
  });

  it("one client asking for many addresses is stopped after twenty an hour", async () => {
    const shared = context({ clientAddress: "192.0.2.7" });
    const results = [];
    for (let i = 0; i <= SUBSCRIBE_PER_CLIENT.limit; i++)
      results.push(await subscribe({ email: `stranger-${i}@example.org`, frequency: "daily" }, shared));
    expect(results.slice(0, SUBSCRIBE_PER_CLIENT.limit).every((result) => result.ok)).toBe(true);
    expect(results.at(-1)).toEqual({
      ok: false,
      error: expect.stringMatching(/^Too many subscription requests from your network\. Try again in \d+ minutes\.$/),
      fieldErrors: {},
    });
    expect(await mailTo(`stranger-${SUBSCRIBE_PER_CLIENT.limit}@example.org`)).toEqual([]);
  });

  it("a stranger subscribing a confirmed address sees the same answer, changes nothing, and the owner gets a preferences link", async () => {
    await subscribe({ email: "owner@example.org", frequency: "weekly", topics: ["video"] }, context());
    const before = await subscriber("owner@example.org");
    await confirmSubscription(before.token);
    const answer = await subscribe(
      { email: "owner@example.org", frequency: "daily", topics: ["benchmark"] },
      context(),
    );
    const fresh = await subscribe({ email: "nobody-yet@example.org", frequency: "daily" }, context());
    expect(answer.ok && answer.message).toBe(
      "Check your inbox: we sent an email to owner@example.org. Follow its link to confirm your subscription.",
    );
    expect(fresh.ok && fresh.message).toBe(
      "Check your inbox: we sent an email to nobody-yet@example.org. Follow its link to confirm your subscription.",
    );

    expect(await subscriber("owner@example.org")).toMatchObject({
      status: "CONFIRMED",
      frequency: "WEEKLY",
      topics: ["video"],
      token: before.token,
    });
    const notice = await findLatestOutboxMessage({ to: "owner@example.org" }, { outboxDir });
    expect(notice!.subject).toBe("You are already subscribed to PaperPulse");
    expect(notice!.text).toContain(`${ORIGIN}/preferences/${before.token}`);
    expect(confirmLinkIn(notice!.text)).toBeNull();
  });
});

describe("coming back", () => {
  it("an unsubscribed address can subscribe again: PENDING with a new token and a new confirmation; the old link is dead", async () => {
    await subscribe({ email: "returning@example.org", frequency: "daily" }, context());
    const first = await subscriber("returning@example.org");
    await confirmSubscription(first.token);
    await unsubscribe(first.token);
    expect((await subscriber("returning@example.org")).status).toBe("UNSUBSCRIBED");

    expect(
      await subscribe({ email: "returning@example.org", frequency: "weekly", weekday: "0" }, context()),
    ).toMatchObject({ ok: true });
    const again = await subscriber("returning@example.org");
    expect(again).toMatchObject({
      status: "PENDING",
      frequency: "WEEKLY",
      weekday: 0,
      confirmed_at: null,
      unsubscribed_at: null,
    });
    expect(again.token).not.toBe(first.token);
    const message = await findLatestOutboxMessage({ to: "returning@example.org" }, { outboxDir });
    expect(confirmLinkIn(message!.text)?.[1]).toBe(again.token);
    expect(await confirmSubscription(first.token)).toMatchObject({ ok: false, status: 404 });
    expect(await confirmSubscription(again.token)).toMatchObject({ ok: true });
  });

  it("a suppressed address (bounce, complaint) can subscribe again and must confirm again", async () => {
    await testDb.pool.query(
      `INSERT INTO subscriber (email, status, token_seed, legacy_token_hash, suppressed_at, suppressed_why)
       VALUES ('bounced@example.org', 'SUPPRESSED', $1, 'an old link', now(), 'hard bounce')`,
      [OLD_SEED],
    );
    await subscribe({ email: "bounced@example.org", frequency: "daily" }, context());
    const row = await subscriber("bounced@example.org");
    expect(row.status).toBe("PENDING");
    expect(row.token_seed).not.toBe(OLD_SEED);
    expect(
      (await testDb.pool.query(`SELECT legacy_token_hash FROM subscriber WHERE email = 'bounced@example.org'`)).rows,
    ).toEqual([{ legacy_token_hash: null }]);
    expect(await mailTo("bounced@example.org")).toHaveLength(1);
  });

  it("an old confirmation link does not revive a cancelled subscription", async () => {
    await subscribe({ email: "changed-mind@example.org", frequency: "daily" }, context());
    const { token } = await subscriber("changed-mind@example.org");
    await unsubscribe(token);
    expect(await confirmSubscription(token)).toMatchObject({
      ok: false,
      status: 409,
      error: expect.stringMatching(/cancelled/),
    });
    expect((await subscriber("changed-mind@example.org")).status).toBe("UNSUBSCRIBED");
  });
});

describe("'Only my topics' and subscribing again from a link", () => {
  it("the mode is saved with the subscription, and a form without the choice keeps it", async () => {
    const viewer = await createUser(testDb.pool, "topics-only@example.org");
    const fields = { frequency: "daily", topics: ["video"], mode: "topics" };
    const saved = await saveAccountSubscription(viewer, fields, "10.7.0.1");
    expect(saved).toMatchObject({ ok: true, message: "You're subscribed: daily digest, only topics: Video." });
    expect((await subscriptionForUser(viewer.id))?.topicsOnly).toBe(true);
    await saveAccountSubscription(viewer, { frequency: "weekly", keepTopics: true }, "10.7.0.1");
    expect(await subscriptionForUser(viewer.id)).toMatchObject({ frequency: "WEEKLY", topicsOnly: true });
  });

  it("'Only my topics' with no topic is refused and nothing changes", async () => {
    const viewer = await createUser(testDb.pool, "topics-none@example.org");
    const saved = await saveAccountSubscription(viewer, { frequency: "daily", topics: [], mode: "topics" }, "10.7.0.2");
    expect(saved).toMatchObject({
      ok: false,
      fieldErrors: { topics: expect.stringContaining("needs at least one topic") },
    });
    expect(await subscriptionForUser(viewer.id)).toBeNull();
  });

  it("Subscribe again on an unsubscribed link mails a confirmation for the earlier choices; confirming restores them", async () => {
    await subscribe(
      { email: "again@example.org", frequency: "weekly", weekday: "4", topics: ["video"], mode: "topics" },
      context(),
    );
    const first = await subscriber("again@example.org");
    await confirmSubscription(first.token);
    await unsubscribe(first.token);
    const result = await resubscribeByToken(first.token, context());
    expect(result).toMatchObject({ ok: true, subscribed: false, message: expect.stringContaining("Check your inbox") });
    const again = await subscriber("again@example.org");
    // Pending with a new seed: the old links end, the new confirmation link starts it again.
    expect(again).toMatchObject({ status: "PENDING", frequency: "WEEKLY", weekday: 4, topics: ["video"] });
    expect(again.token).not.toBe(first.token);
    const mail = await findLatestOutboxMessage({ to: "again@example.org" }, { outboxDir });
    expect(mail?.text).toContain(`/subscribe/confirm/${again.token}`);
    expect(mail?.text).toContain("only topics: Video");
    expect(await confirmSubscription(again.token)).toMatchObject({ ok: true });
  });

  it("Subscribe again on a link whose address is still subscribed changes nothing", async () => {
    await subscribe({ email: "still@example.org", frequency: "daily" }, context());
    const row = await subscriber("still@example.org");
    expect(await resubscribeByToken(row.token, context())).toMatchObject({ ok: true, subscribed: false });
    expect((await subscriber("still@example.org")).token).toBe(row.token);
  });
});

describe("signed-in people", () => {
  it("subscribing one's own account address links it and confirms it at once, with no email", async () => {
    const user = await createUser(testDb.pool, "reader@example.org");
    const result = await subscribe(
      { email: "READER@example.org", frequency: "weekly", topics: ["video"] },
      context({ viewer: user }),
    );
    expect(result).toEqual({
      ok: true,
      email: "reader@example.org",
      subscribed: true,
      message: "You're subscribed: weekly digest on Mondays, trending plus topics: Video.",
    });
    expect(await subscriber("reader@example.org")).toMatchObject({
      status: "CONFIRMED",
      user_id: user.id,
      topics: ["video"],
    });
    expect(await mailTo("reader@example.org")).toEqual([]);
    expect(await subscriptionForUser(user.id)).toEqual({
      email: "reader@example.org",
      status: "CONFIRMED",
      frequency: "WEEKLY",
      weekday: 1,
      topics: [{ slug: "video", name: "Video" }],
      topicsOnly: false,
      linkedToAccount: true,
    });
  });

  it("the footer box (no topics offered) changes the frequency but keeps the topics already followed", async () => {
    const user = await createUser(testDb.pool, "keeps-topics@example.org");
    await subscribe(
      { email: "keeps-topics@example.org", frequency: "weekly", topics: ["video"] },
      context({ viewer: user }),
    );
    const again = await subscribe(
      { email: "keeps-topics@example.org", frequency: "daily", keepTopics: true },
      context({ viewer: user }),
    );
    expect(again).toMatchObject({ ok: true, subscribed: true });
    expect(await subscriber("keeps-topics@example.org")).toMatchObject({
      status: "CONFIRMED",
      frequency: "DAILY",
      topics: ["video"],
    });
  });

  it("subscribing another address while signed in still needs that address's confirmation", async () => {
    const user = await createUser(testDb.pool, "has-two@example.org");
    const result = await subscribe(
      { email: "work-address@example.org", frequency: "daily" },
      context({ viewer: user }),
    );
    expect(result).toMatchObject({ ok: true, subscribed: false });
    expect(await subscriber("work-address@example.org")).toMatchObject({ status: "PENDING", user_id: null });
    expect(await mailTo("work-address@example.org")).toHaveLength(1);
  });

  it("an address subscribed before signing up shows on /me and is taken over by saving there", async () => {
    await subscribe({ email: "early@example.org", frequency: "daily", topics: ["benchmark"] }, context());
    const user = await createUser(testDb.pool, "early@example.org");
    expect(await subscriptionForUser(user.id)).toMatchObject({ status: "PENDING", linkedToAccount: false });

    const saved = await saveAccountSubscription(user, { frequency: "weekly", weekday: "4", topics: [] }, "10.9.9.9");
    expect(saved).toMatchObject({
      ok: true,
      subscribed: true,
      message: "You're subscribed: weekly digest on Thursdays, all topics.",
    });
    expect(await subscriber("early@example.org")).toMatchObject({
      status: "CONFIRMED",
      user_id: user.id,
      weekday: 4,
      topics: [],
    });

    expect(await unsubscribeAccount(user)).toEqual({ ok: true, email: "early@example.org" });
    expect((await subscriber("early@example.org")).status).toBe("UNSUBSCRIBED");
    expect(await subscriptionForUser(user.id)).toMatchObject({ status: "UNSUBSCRIBED" });
  });

  it("someone with no subscription has nothing on /me and nothing to stop", async () => {
    const user = await createUser(testDb.pool, "never@example.org");
    expect(await subscriptionForUser(user.id)).toBeNull();
    expect(await unsubscribeAccount(user)).toMatchObject({ ok: false, status: 404 });
  });
});
