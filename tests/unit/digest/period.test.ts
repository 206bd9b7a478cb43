// Digest periods and their windows from an injected `now`.
import { describe, expect, it } from "vitest";
import { digestPeriod, isoWeek } from "../../../lib/digest/period";
import { decodePaperList, encodePaperList } from "../../../lib/digest/paper-list";

describe("digest periods", () => {
  it("a daily period is the latest digest's date; a first daily digest covers that day only", () => {
    expect(digestPeriod("daily", new Date("2025-05-03T06:00:00Z"), "2025-05-01")).toEqual({
      key: "daily:2025-05-01",
      frequency: "daily",
      weekday: null,
      digestDate: "2025-05-01",
      candidatesFrom: "2025-04-25",
      firstDigestFrom: "2025-05-01",
    });
  });

  it("a weekly period is the ISO week of now, for subscribers whose weekday is today's (UTC)", () => {
    const period = digestPeriod("weekly", new Date("2026-11-30T23:30:00Z"), "2026-11-29");
    expect(period).toMatchObject({
      key: "weekly:2026-W49",
      weekday: 1,
      firstDigestFrom: "2026-11-23",
      candidatesFrom: "2026-11-16",
    });
  });

  it("ISO weeks belong to the year of their Thursday", () => {
    expect(isoWeek(new Date("2021-01-03T12:00:00Z"))).toBe("2020-W53");
    expect(isoWeek(new Date("2024-12-30T00:00:00Z"))).toBe("2025-W01");
    expect(isoWeek(new Date("2025-04-30T00:00:00Z"))).toBe("2025-W18");
  });
});

describe("the ledger's paper list", () => {
  it("keeps the top papers and each topic section through a round trip", () => {
    const selection = {
      top: [5, 3, 9],
      sections: [
        { tagId: 2, ids: [11, 12] },
        { tagId: 7, ids: [4] },
      ],
    };
    expect(encodePaperList(selection)).toEqual([5, 3, 9, -2, 11, 12, -7, 4]);
    expect(decodePaperList(encodePaperList(selection))).toEqual(selection);
  });
});
