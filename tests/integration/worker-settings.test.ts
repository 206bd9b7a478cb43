// The worker's settings in lib/env.ts: defaults that need no configuration, and malformed values named with their fix.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv as parseProcessEnv } from "../../lib/env";

// Next's types make NODE_ENV required on ProcessEnv; these tests pass only the variables they are about.
const parseEnv = (variables: Record<string, string>) => parseProcessEnv(variables as unknown as NodeJS.ProcessEnv);

describe("digest worker settings", () => {
  it("with nothing configured, both digests go out at 07:00 UTC with 10 papers, and the inbox lives under the data dir", () => {
    const env = parseEnv({ PAPERPULSE_DATA_DIR: "/srv/pp" });
    expect(env.DIGEST_DAILY_CRON).toBe("0 7 * * *");
    expect(env.DIGEST_WEEKLY_CRON).toBe("0 7 * * *");
    expect(env.DIGEST_TIMEZONE).toBe("UTC");
    expect(env.DIGEST_TOP_N).toBe(10);
    expect(env.DIGEST_INBOX).toBe(path.join("/srv/pp", "inbox"));
  });

  it("configured values are used as given", () => {
    const env = parseEnv({
      DIGEST_DAILY_CRON: "30 6 * * 1-5",
      DIGEST_WEEKLY_CRON: "0 8 * * MON",
      DIGEST_TIMEZONE: "Europe/Berlin",
      DIGEST_TOP_N: "25",
      DIGEST_INBOX: "/srv/inbox",
    });
    expect([
      env.DIGEST_DAILY_CRON,
      env.DIGEST_WEEKLY_CRON,
      env.DIGEST_TIMEZONE,
      env.DIGEST_TOP_N,
      env.DIGEST_INBOX,
    ]).toEqual(["30 6 * * 1-5", "0 8 * * MON", "Europe/Berlin", 25, "/srv/inbox"]);
  });

  it("a malformed cron, time zone or paper count stops the start with every variable named and its expected form", () => {
    expect(() =>
      parseEnv({ DIGEST_DAILY_CRON: "every morning", DIGEST_TIMEZONE: "Mars/Olympus", DIGEST_TOP_N: "0" }),
    ).toThrow(
      /DIGEST_DAILY_CRON: must be a cron expression with 5 fields.*\n.*DIGEST_TIMEZONE: must be an IANA time zone.*\n.*DIGEST_TOP_N: must be at least 1/,
    );
    expect(() => parseEnv({ DIGEST_WEEKLY_CRON: "0 7 * *" })).toThrow(
      /DIGEST_WEEKLY_CRON: must be a cron expression with 5 fields/,
    );
  });
});
