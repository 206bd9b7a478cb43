// /admin/mail's numbers, read from a real ledger: subscribers by status, periods' sent / failed / pending, the latest failures.
import { beforeAll, describe, expect, it } from "vitest";
import { recentFailures, recentPeriods, subscriberCounts } from "../../lib/admin-mail/delivery-stats";
import { setUpTestDatabase } from "../support/database";

const testDb = setUpTestDatabase();
const ids: Record<string, number> = {};

async function subscriber(email: string, status: string) {
  const { rows } = await testDb.pool.query<{ id: number }>(
    `INSERT INTO subscriber (email, status) VALUES ($1, $2::"SubscriberStatus") RETURNING id`,
    [email, status],
  );
  ids[email] = rows[0]!.id;
}

async function delivery(period: string, email: string, status: string, createdAt: string, error: string | null = null) {
  await testDb.pool.query(
    `INSERT INTO digest_delivery (period, subscriber_id, status, paper_ids, batch, error, created_at, attempts)
     VALUES ($1, $2, $3::"DeliveryStatus", '{1,2}', 0, $4, $5, 1)`,
    [period, ids[email], status, error, createdAt],
  );
}

beforeAll(async () => {
  for (const [email, status] of [
    ["a@example.org", "CONFIRMED"],
    ["b@example.org", "CONFIRMED"],
    ["c@example.org", "CONFIRMED"],
    ["d@example.org", "PENDING"],
    ["e@example.org", "UNSUBSCRIBED"],
  ])
    await subscriber(email!, status!);

  await delivery("daily:2025-04-29", "a@example.org", "SENT", "2025-04-29T07:00:00Z");
  await delivery("daily:2025-04-29", "b@example.org", "SENT", "2025-04-29T07:00:00Z");
  await delivery(
    "daily:2025-04-29",
    "c@example.org",
    "FAILED",
    "2025-04-29T07:00:00Z",
    "422 validation_error: invalid `to` address",
  );
  await delivery("daily:2025-04-30", "a@example.org", "SENT", "2025-04-30T07:00:00Z");
  await delivery(
    "daily:2025-04-30",
    "b@example.org",
    "PENDING",
    "2025-04-30T07:00:00Z",
    "503 application_error: try again",
  );
  await delivery("daily:2025-04-30", "c@example.org", "SENDING", "2025-04-30T07:00:00Z");
  await delivery(
    "daily:2025-04-30",
    "e@example.org",
    "FAILED",
    "2025-04-30T07:00:00Z",
    "skipped: the subscriber is unsubscribed since this digest was planned",
  );
  await delivery("weekly:2025-W18", "a@example.org", "SENT", "2025-04-28T07:00:00Z");
});

describe("mail statistics for admins", () => {
  it("counts subscribers by status, listing statuses nobody has as zero", async () => {
    expect(await subscriberCounts()).toEqual({ PENDING: 1, CONFIRMED: 3, UNSUBSCRIBED: 1, SUPPRESSED: 0 });
  });

  it("groups recent deliveries by period, newest first, with people who left counted as skipped rather than failed", async () => {
    expect(await recentPeriods()).toEqual([
      {
        period: "daily:2025-04-30",
        sent: 1,
        failed: 0,
        pending: 2,
        skipped: 1,
        plannedAt: new Date("2025-04-30T07:00:00Z"),
      },
      {
        period: "daily:2025-04-29",
        sent: 2,
        failed: 1,
        pending: 0,
        skipped: 0,
        plannedAt: new Date("2025-04-29T07:00:00Z"),
      },
      {
        period: "weekly:2025-W18",
        sent: 1,
        failed: 0,
        pending: 0,
        skipped: 0,
        plannedAt: new Date("2025-04-28T07:00:00Z"),
      },
    ]);
    expect(await recentPeriods(1)).toHaveLength(1);
  });

  it("lists failures newest first with the address and the provider's error, at most 20", async () => {
    const failures = await recentFailures();
    expect(failures).toEqual([
      {
        id: expect.any(String),
        period: "daily:2025-04-29",
        email: "c@example.org",
        error: "422 validation_error: invalid `to` address",
        attempts: 1,
        at: new Date("2025-04-29T07:00:00Z"),
      },
    ]);
    for (let day = 1; day <= 25; day++) {
      await delivery(
        `daily:2025-03-${String(day).padStart(2, "0")}`,
        "c@example.org",
        "FAILED",
        `2025-03-${String(day).padStart(2, "0")}T07:00:00Z`,
        `bounce ${day}`,
      );
    }
    const many = await recentFailures();
    expect(many).toHaveLength(20);
    expect(many.map((failure) => failure.error).slice(0, 3)).toEqual([
      "422 validation_error: invalid `to` address",
      "bounce 25",
      "bounce 24",
    ]);
  });
});
