// Spacing for requests to the provider, so a digest run never exceeds Resend's per-second limit.
import { sleep } from "./retry";

export type RateLimiter = { acquire(): Promise<void> };

/**
 * Hands out start times at least 1000/ratePerSecond ms apart, in call order. Spacing (rather than
 * a bursty token bucket) keeps us under a per-second limit measured over any window.
 */
export function createRateLimiter(ratePerSecond: number, now = () => performance.now()): RateLimiter {
  if (!(ratePerSecond > 0)) throw new Error(`ratePerSecond must be positive, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  let next = -Infinity;
  return {
    async acquire() {
      const start = Math.max(now(), next);
      next = start + interval;
      const wait = start - now();
      if (wait > 0) await sleep(wait);
    },
  };
}
