// A pacer: spaces calls to an outside service (Resend's per-second limit, Hugging Face's one request a
// second) by handing out start times. Not a throttle: nothing is refused, callers wait their turn.

export type Pacer = { acquire(): Promise<void> };

/** Where the pacer reads the time and waits, in ms (tests pass a clock they move by hand). */
export type PacerClock = { now(): number; sleep(ms: number): Promise<void> };

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Hands out start times at least 1000/ratePerSecond ms apart, in call order. Spacing (rather than
 * a bursty token bucket) keeps us under a per-second limit measured over any window.
 */
export function createPacer(ratePerSecond: number, clock: PacerClock = realClock): Pacer {
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
