// A clock for lib/mail's request spacing and retry waits that runs on virtual time: each wait is recorded
// and passes at once, so tests check exact spacing without depending on how busy the machine is.
import type { PacerClock } from "../../lib/pacer";

export function virtualClock(start = 1_000): { clock: PacerClock; waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    waits,
    clock: {
      now: () => now,
      async sleep(ms) {
        waits.push(ms);
        now += ms;
      },
    },
  };
}
