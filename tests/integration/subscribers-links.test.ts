// The emailed links against the real database: RFC 8058 one-click unsubscribe, the unsubscribe page that only asks, preferences.
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as oneClick } from "../../app/api/unsubscribe/[token]/route";
import UnsubscribePage from "../../app/unsubscribe/[token]/page";
import { updatePreferences } from "../../lib/subscribers/preferences";
import { subscriberLinkToken, subscriberTokenWhere } from "../../lib/subscribers/token";
import { unsubscribe } from "../../lib/subscribers/unsubscribe";
import { setUpTestDatabase } from "../support/database";

const testDb = setUpTestDatabase();

beforeAll(async () => {
  await testDb.pool.query(
    `INSERT INTO tag (slug, name, kind) VALUES ('video', 'Video', 'TOPIC'), ('agents', 'Agents', 'TOPIC'), ('my-notes', 'My notes', 'USER')`,
  );
});

/** A confirmed subscriber written straight to the table, as the confirm flow leaves it. */
async function confirmedSubscriber(email: string): Promise<string> {
  const { rows } = await testDb.pool.query<{ seed: string }>(
    `INSERT INTO subscriber (email, status, confirmed_at) VALUES ($1, 'CONFIRMED', now()) RETURNING token_seed::text AS seed`,
    [email],
  );
  return subscriberLinkToken(rows[0]!.seed);
}

/** A token of the right shape that no subscriber was ever given. */
const unknownToken = () => randomBytes(32).toString("base64url");

async function subscriber(token: string) {
  const where = subscriberTokenWhere(token);
  if (!where || !("tokenSeed" in where)) throw new Error(`not a link token made here: ${token}`);
  const { rows } = await testDb.pool.query(
    `SELECT s.status, s.frequency, s.weekday, s.unsubscribed_at,
            coalesce(array_agg(t.slug ORDER BY t.slug) FILTER (WHERE t.id IS NOT NULL), '{}') AS topics
     FROM subscriber s LEFT JOIN subscriber_topic st ON st.subscriber_id = s.id LEFT JOIN tag t ON t.id = st.tag_id
     WHERE s.token_seed = $1::uuid GROUP BY s.id`,
    [where.tokenSeed],
  );
  return rows[0];
}

/** What a mail provider sends for RFC 8058: a form-encoded POST from its own servers, no cookies, no Origin. */
function providerPost(token: string): [Request, { params: Promise<{ token: string }> }] {
  const request = new Request(`https://papers.example.org/api/unsubscribe/${token}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  return [request, { params: Promise.resolve({ token }) }];
}

describe("one-click unsubscribe (RFC 8058)", () => {
  it("a provider's POST unsubscribes at once and answers 200", async () => {
    const token = await confirmedSubscriber("one-click@example.org");
    const response = await oneClick(...providerPost(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect(await subscriber(token)).toMatchObject({ status: "UNSUBSCRIBED", unsubscribed_at: expect.any(Date) });
  });

  it("a POST from another site's origin is still honoured: the token is the credential", async () => {
    const token = await confirmedSubscriber("cross-site@example.org");
    const request = new Request(`https://papers.example.org/api/unsubscribe/${token}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://mail.example.com",
        "Sec-Fetch-Site": "cross-site",
      },
      body: "List-Unsubscribe=One-Click",
    });
    expect((await oneClick(request, { params: Promise.resolve({ token }) })).status).toBe(200);
    expect((await subscriber(token)).status).toBe("UNSUBSCRIBED");
  });

  it("posting twice is the same as once: 200 both times, the first unsubscribe time kept", async () => {
    const token = await confirmedSubscriber("twice@example.org");
    expect((await oneClick(...providerPost(token))).status).toBe(200);
    const first = (await subscriber(token)).unsubscribed_at;
    expect((await oneClick(...providerPost(token))).status).toBe(200);
    expect((await subscriber(token)).unsubscribed_at).toEqual(first);
  });

  it("an unknown token, and one that is not even token-shaped, get a 404 with a message", async () => {
    for (const token of [unknownToken(), "not-a-token"]) {
      const response = await oneClick(...providerPost(token));
      expect(response.status).toBe(404);
      expect((await response.json()).error).toMatch(/no subscription has this unsubscribe link/);
    }
  });
});

describe("the unsubscribe page", () => {
  it("opening the link only asks: the subscriber stays confirmed and the page offers an Unsubscribe button", async () => {
    const token = await confirmedSubscriber("scanned@example.org");
    const html = renderToStaticMarkup(await UnsubscribePage({ params: Promise.resolve({ token }) }));
    expect(html).toContain("Unsubscribe from the digest?");
    expect(html).toMatch(/<button type="submit"[^>]*>Unsubscribe<\/button>/);
    expect((await subscriber(token)).status).toBe("CONFIRMED");
  });

  it("after unsubscribing, the same link says so and offers to subscribe again", async () => {
    const token = await confirmedSubscriber("left@example.org");
    await unsubscribe(token);
    const html = renderToStaticMarkup(await UnsubscribePage({ params: Promise.resolve({ token }) }));
    expect(html).toContain("You&#x27;re unsubscribed");
    expect(html).toContain(">Subscribe again</button>");
  });
});

describe("preferences", () => {
  it("saving switches to weekly on a chosen day and replaces the followed topics, without touching the status", async () => {
    const token = await confirmedSubscriber("prefs@example.org");
    await updatePreferences(token, { frequency: "daily", topics: ["video"] });
    const result = await updatePreferences(token, { frequency: "weekly", weekday: "5", topics: ["agents"] });
    expect(result).toMatchObject({
      ok: true,
      message: "Saved: weekly digest on Fridays, trending plus topics: Agents.",
    });
    expect(await subscriber(token)).toMatchObject({
      status: "CONFIRMED",
      frequency: "WEEKLY",
      weekday: 5,
      topics: ["agents"],
    });
  });

  it("an unknown topic is refused and the old preferences stay", async () => {
    const token = await confirmedSubscriber("prefs-typo@example.org");
    await updatePreferences(token, { frequency: "daily", topics: ["video"] });
    const result = await updatePreferences(token, { frequency: "weekly", topics: ["vidoe"] });
    expect(result).toMatchObject({ ok: false, fieldErrors: { topics: expect.stringContaining('"vidoe"') } });
    expect(await subscriber(token)).toMatchObject({ frequency: "DAILY", topics: ["video"] });
  });

  it("saving preferences of an unsubscribed address does not subscribe it again", async () => {
    const token = await confirmedSubscriber("prefs-gone@example.org");
    await unsubscribe(token);
    expect(await updatePreferences(token, { frequency: "weekly" })).toMatchObject({ ok: true });
    expect((await subscriber(token)).status).toBe("UNSUBSCRIBED");
  });

  it("an unknown token saves nothing and says the link is not valid", async () => {
    expect(await updatePreferences(unknownToken(), { frequency: "daily" })).toMatchObject({
      ok: false,
      status: 404,
      error: expect.stringMatching(/not valid/),
    });
  });
});
