// Spacing for requests to the provider, so a digest run never exceeds Resend's per-second limit.
import { sleep } from "./retry";

export type RateLimiter = { acquire(): Promise<void> };

/** Where the limiter reads the time and waits, in ms (tests pass a clock they move by hand). */
export type LimiterClock = { now(): number; sleep(ms: number): Promise<void> };

const realClock: LimiterClock = { now: () => performance.now(), sleep };

/**
 * Hands out start times at least 1000/ratePerSecond ms apart, in call order. Spacing (rather than
 * a bursty token bucket) keeps us under a per-second limit measured over any window.
 */
export function createRateLimiter(ratePerSecond: number, clock: LimiterClock = realClock): RateLimiter {
  if (!(ratePerSecond > 0)) throw new Error(`ratePerSecond must be positive, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  let next = -Infinity;
  return {
    async acquire() {
      const start = Math.max(clock.now(), next);
      next = start + interval;
      const wait = start - clock.now();
      if (wait > 0) await clock.sleep(wait);
    },
  };
}
