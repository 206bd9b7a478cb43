// A subscription in words, as the confirmed page and the emails say it.
import { describe, expect, it } from "vitest";
import { describeSubscription } from "../../../lib/subscribers/describe";

describe("describing a subscription", () => {
  it("daily with topics lists them in the given order", () => {
    expect(
      describeSubscription({ frequency: "DAILY", weekday: 1, topics: [{ name: "Video" }, { name: "Agents" }] }),
    ).toBe("daily digest, trending plus topics: Video, Agents");
  });

  it("weekly names the day, and no topics means all of them", () => {
    expect(describeSubscription({ frequency: "WEEKLY", weekday: 5, topics: [] })).toBe(
      "weekly digest on Fridays, all topics",
    );
  });
});

describe("describing the digest's mode", () => {
  it("'Only my topics' says so, and 'all topics' stays for a trending digest without topics", () => {
    expect(
      describeSubscription({ frequency: "DAILY", weekday: 1, topics: [{ name: "Video" }], topicsOnly: true }),
    ).toBe("daily digest, only topics: Video");
    expect(describeSubscription({ frequency: "DAILY", weekday: 1, topics: [], topicsOnly: false })).toBe(
      "daily digest, all topics",
    );
  });
});
