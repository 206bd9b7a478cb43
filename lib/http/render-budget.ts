// A token bucket for renders the page cache cannot avoid (misses): a crawler or an attacker asking for
// thousands of distinct pages gets them at this rate, and beyond a short queue a 503, while pages
// already in the cache keep being served at full speed.

export type RenderBudget = { take(): Promise<boolean> };

/**
 * `perSecond` renders a second, with bursts of as many; a take that would wait more than `maxQueueSeconds`
 * is refused (false) at once. `now` and `sleep` are injectable for tests.
 */
export function createRenderBudget(
  perSecond: number,
  maxQueueSeconds: number,
  clock: { now(): number; sleep(ms: number): Promise<void> } = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): RenderBudget {
  let tokens = perSecond;
  let updatedAt = clock.now();
  return {
    async take() {
      const now = clock.now();
      tokens = Math.min(perSecond, tokens + ((now - updatedAt) / 1000) * perSecond);
      updatedAt = now;
      // Negative tokens are the queue: each waiter is owed one.
      if (tokens - 1 < -perSecond * maxQueueSeconds) return false;
      tokens -= 1;
      if (tokens < 0) await clock.sleep((-tokens / perSecond) * 1000);
      return true;
    },
  };
}
