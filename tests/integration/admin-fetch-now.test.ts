// /admin's "Fetch now": only an admin's request fetches; it runs what a scheduled tick runs, and the admin page reads the result.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchNowAs } from "../../lib/fetch/fetch-now";
import { fetchOverview, nextFetchRun } from "../../lib/fetch/overview";
import { setUpTestDatabase } from "../support/database";
import { fixtureEntries, startFakeHf, type FakeHf } from "../support/fake-hf";
import { createUser } from "./helpers/users";

const testDb = setUpTestDatabase();
const today = new Date().toISOString().slice(0, 10);
let hf: FakeHf;

beforeAll(async () => {
  hf = await startFakeHf();
  hf.setDay(today, fixtureEntries("hf-daily-papers-2025-05-02.json"));
  // env() is parsed on first use, after this: today only, from the fake server.
  Object.assign(process.env, {
    HF_API_URL: hf.url,
    HF_FETCH_LOOKBACK_DAYS: "0",
    HF_FETCH_CRON: "17 * * * *",
    DIGEST_TIMEZONE: "UTC",
  });
});
afterAll(async () => {
  await hf?.close();
});

describe("Fetch now", () => {
  it("a signed-in non-admin is refused with 403 and nothing is fetched", async () => {
    const reader = await createUser(testDb.pool, "reader@example.org", "USER");
    let called = false;
    const outcome = await fetchNowAs(reader, async () => {
      called = true;
      throw new Error("must not be called");
    });
    expect(outcome).toEqual({ ok: false, status: 403, error: "only admins can fetch from Hugging Face" });
    expect(called).toBe(false);
    expect(await fetchNowAs(reader)).toMatchObject({ ok: false, status: 403 });
    expect(hf.requests).toEqual([]);
  });

  it("a signed-out request is refused with 401", async () => {
    expect(await fetchNowAs(null)).toMatchObject({ ok: false, status: 401 });
    expect(hf.requests).toEqual([]);
  });

  it("an admin's click fetches the recent days, and the admin overview shows the day's result and the next run", async () => {
    const admin = await createUser(testDb.pool, "editor@example.org", "ADMIN");
    const outcome = await fetchNowAs(admin);
    expect(outcome).toEqual({ ok: true, message: "1 day fetched: 1 new, 0 updated, 0 unchanged, 0 failed." });
    expect(hf.requests.map((r) => r.query.date)).toEqual([today]);

    const now = new Date();
    const overview = await fetchOverview(
      testDb.pool,
      { HF_FETCH: "on", HF_FETCH_CRON: "17 * * * *", DIGEST_TIMEZONE: "UTC" },
      now,
    );
    expect(overview.days).toEqual([
      expect.objectContaining({ day: today, result: "IMPORTED", message: "6 new, 0 updated, 0 unchanged, 2 skipped" }),
    ]);
    expect(overview.nextRun!.getUTCMinutes()).toBe(17);
    expect(overview.nextRun!.getTime()).toBeGreaterThan(now.getTime());
    expect(
      (await fetchOverview(testDb.pool, { HF_FETCH: "off", HF_FETCH_CRON: "17 * * * *", DIGEST_TIMEZONE: "UTC" }, now))
        .nextRun,
    ).toBeNull();
  });
});

describe("the next run", () => {
  it("is the cron's next tick in the configured time zone", () => {
    expect(nextFetchRun("17 * * * *", "UTC", new Date("2025-05-02T10:20:00Z")).toISOString()).toBe(
      "2025-05-02T11:17:00.000Z",
    );
    expect(nextFetchRun("0 7 * * *", "Europe/Berlin", new Date("2025-05-02T06:00:00Z")).toISOString()).toBe(
      "2025-05-03T05:00:00.000Z",
    );
  });
});
