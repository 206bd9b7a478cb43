// PAPERPULSE_TRACE_IMPORT=1 prints how long each step of an import took, on stderr: where a slow import spends its time.

/** Returns `mark(step)`, which prints the time since the previous mark; a no-op unless tracing is on. */
export function importSteps(): (step: string) => void {
  if (process.env.PAPERPULSE_TRACE_IMPORT !== "1") return () => undefined;
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    console.error(`[import] ${(now - last).toFixed(0).padStart(6)} ms  ${step}`);
    last = now;
  };
}
