// Waiting for Ctrl-C or a service manager's SIGTERM, so the worker can finish its job and close cleanly.

/** Resolves with the first SIGINT/SIGTERM; a second one while shutting down exits at once (a stuck job must not trap the operator). */
export function untilStopSignal(
  onForce: (signal: NodeJS.Signals) => void = () => process.exit(130),
): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handle = (signal: NodeJS.Signals) => {
      if (received) return onForce(signal);
      received = true;
      resolve(signal);
    };
    process.on("SIGINT", handle);
    process.on("SIGTERM", handle);
  });
}
