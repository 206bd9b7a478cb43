// The one line the worker prints per job: which job, how long, and every count the job returned.

function formatCounts(counts: Record<string, unknown>): string {
  const parts = Object.entries(counts)
    .filter(([, value]) => typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    .map(([key, value]) => `${key}=${value}`);
  return parts.length > 0 ? parts.join(" ") : "no counts";
}

export function jobDoneLine(name: string, jobId: string, ms: number, counts: Record<string, unknown>): string {
  return `[worker] ${name} job ${jobId.slice(0, 8)} done in ${(ms / 1000).toFixed(1)}s: ${formatCounts(counts)}`;
}

export function jobFailedLine(name: string, jobId: string, ms: number, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `[worker] ${name} job ${jobId.slice(0, 8)} failed after ${(ms / 1000).toFixed(1)}s (pg-boss retries it): ${message}`;
}
