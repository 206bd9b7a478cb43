import { describe, expect, it } from "vitest";
import { createPacer, type PacerClock } from "../../lib/pacer";

/** A clock that moves only when told: sleepers wake when it reaches their time. */
function manualClock(start = 1_000) {
  let now = start;
  const sleepers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const clock: PacerClock & { advanceTo(at: number): Promise<void>; runAll(): Promise<void> } = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: now + ms, wake })),
    async advanceTo(at) {
      await settle();
      now = at;
      for (const sleeper of sleepers.filter((s) => s.at <= at)) {
        sleepers.splice(sleepers.indexOf(sleeper), 1);
        sleeper.wake();
      }
      await settle();
    },
    async runAll() {
      await settle();
      while (sleepers.length > 0) await clock.advanceTo(Math.min(...sleepers.map((s) => s.at)));
    },
  };
  return clock;
}

describe("request spacing", () => {
  it("spaces requests 1000/rate ms apart, the first one immediately", async () => {
    const clock = manualClock(1_000);
    const limiter = createPacer(20, clock); // 50 ms apart
    const granted: number[] = [];
    const all = Promise.all(
      [1, 2, 3, 4].map(async () => {
        await limiter.acquire();
        granted.push(clock.now());
      }),
    );
    await clock.runAll();
    await all;
    expect(granted).toEqual([1_000, 1_050, 1_100, 1_150]);
  });

  it("a request waits for its turn and not a moment longer", async () => {
    const clock = manualClock(1_000);
    const limiter = createPacer(20, clock);
    await limiter.acquire();
    let second = false;
    const pending = limiter.acquire().then(() => (second = true));
    await clock.advanceTo(1_049);
    expect(second).toBe(false);
    await clock.advanceTo(1_050);
    await pending;
    expect(second).toBe(true);
  });

  it("after a quiet spell the next request goes at once, and spacing counts from the previous start", async () => {
    const clock = manualClock(1_000);
    const limiter = createPacer(20, clock);
    await limiter.acquire();
    await clock.advanceTo(5_000);
    await limiter.acquire(); // no sleep needed: resolves without the clock moving
    expect(clock.now()).toBe(5_000);
    await clock.advanceTo(5_020);
    const third = limiter.acquire().then(() => clock.now());
    await clock.runAll();
    expect(await third).toBe(5_050);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createPacer(0)).toThrow(/must be positive/);
  });
});
