// Human-readable import summaries for the command line.
import type { ImportSummary } from "./import";
import type { DigestFormat, Problem } from "./types";

/** JSON problems name their entry in the message ("entry 3: ..."); text problems get their line. */
export function formatProblems(problems: Problem[], more = 0, format: DigestFormat = "TEXT"): string[] {
  const lines = problems.map((problem) =>
    format === "HF_JSON" ? `  ${problem.message}` : `  line ${problem.line}: ${problem.message}`,
  );
  if (more > 0) lines.push(`  … and ${more} more`);
  return lines;
}

export function formatSummary(summary: ImportSummary): string {
  const { counts } = summary;
  const head =
    summary.status === "REJECTED"
      ? `✗ ${summary.file}: rejected: ${summary.error}`
      : summary.status === "UNCHANGED"
        ? `= ${summary.file}: already imported, nothing changed (digest ${summary.digestDate})`
        : `✓ ${summary.file}: digest ${summary.digestDate} imported in ${(summary.durationMs / 1000).toFixed(1)} s`;
  const lines = [head];
  if (summary.status !== "REJECTED") {
    lines.push(
      `  papers: ${counts.new} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.skipped} skipped`,
    );
  }
  if (summary.problems.length > 0) {
    lines.push(`  problems:`);
    lines.push(...formatProblems(summary.problems, summary.moreProblems, summary.format).map((line) => `  ${line}`));
  }
  return lines.join("\n");
}
