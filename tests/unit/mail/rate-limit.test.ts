import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../lib/mail/rate-limit";

describe("request spacing", () => {
  it("spaces requests 1000/rate ms apart, the first one immediately", async () => {
    const limiter = createRateLimiter(20); // 50 ms apart
    const started = performance.now();
    const times: number[] = [];
    await Promise.all([1, 2, 3, 4].map(async () => {
      await limiter.acquire();
      times.push(performance.now() - started);
    }));
    expect(times[0]).toBeLessThan(25);
    expect(times[3]).toBeGreaterThanOrEqual(145);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(45);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createRateLimiter(0)).toThrow(/must be positive/);
  });
});
