// The fetch's settings in lib/env.ts and its command-line arguments: defaults that need no configuration, mistakes named.
import { describe, expect, it } from "vitest";
import { parseFetchArgs } from "../../../lib/cli/fetch-args";
import { parseEnv as parseProcessEnv } from "../../../lib/env";
import { dayRange, recentDays } from "../../../lib/fetch/run";

const parseEnv = (values: Record<string, string>) => parseProcessEnv(values as NodeJS.ProcessEnv);

describe("HF_* settings", () => {
  it("default to Hugging Face, hourly at minute 17, on, three days back, no token", () => {
    const env = parseEnv({});
    expect([env.HF_API_URL, env.HF_FETCH, env.HF_FETCH_CRON, env.HF_FETCH_LOOKBACK_DAYS, env.HF_TOKEN]).toEqual([
      "https://huggingface.co",
      "on",
      "17 * * * *",
      3,
      undefined,
    ]);
  });

  it("name the variable and the fix when malformed", () => {
    expect(() =>
      parseEnv({
        HF_API_URL: "huggingface.co",
        HF_FETCH: "yes",
        HF_FETCH_CRON: "hourly",
        HF_FETCH_LOOKBACK_DAYS: "90",
      }),
    ).toThrow(
      /HF_API_URL: must be an http\(s\) URL[\s\S]*HF_FETCH: must be "on" or "off"[\s\S]*HF_FETCH_CRON: must be a cron expression[\s\S]*HF_FETCH_LOOKBACK_DAYS: must be at most 31/,
    );
  });
});

describe("days", () => {
  it("a range includes both ends and crosses months; the recent days end today", () => {
    expect(dayRange("2025-04-29", "2025-05-02")).toEqual(["2025-04-29", "2025-04-30", "2025-05-01", "2025-05-02"]);
    expect(recentDays("2025-03-01", 2)).toEqual(["2025-02-27", "2025-02-28", "2025-03-01"]);
    expect(recentDays("2025-03-01", 0)).toEqual(["2025-03-01"]);
  });

  it("fetch arguments: one day, a range, none (the recent days), and usage errors", () => {
    expect(parseFetchArgs(["--date", "2025-05-02", "--json"])).toEqual({
      ok: true,
      args: { days: ["2025-05-02"], dryRun: false, json: true },
    });
    expect(parseFetchArgs(["--from", "2025-05-01", "--to", "2025-05-02", "--dry-run"])).toEqual({
      ok: true,
      args: { days: ["2025-05-01", "2025-05-02"], dryRun: true, json: false },
    });
    expect(parseFetchArgs([])).toEqual({ ok: true, args: { days: null, dryRun: false, json: false } });
    expect(parseFetchArgs(["--from", "2020-01-01", "--to", "2025-01-01"])).toEqual({
      ok: false,
      message: "the range has 1828 days; fetch at most 366 at a time",
    });
    expect(parseFetchArgs(["--date", "5/2/2025"])).toEqual({
      ok: false,
      message: "--date must look like YYYY-MM-DD, e.g. --date 2025-04-30",
    });
  });
});
