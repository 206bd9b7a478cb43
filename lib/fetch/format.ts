// The line a person reads for each fetched day (the command line, the worker log).
import type { DayOutcome } from "./import-day";

const MARKS: Record<DayOutcome["result"], string> = { NEW: "+", UPDATED: "~", UNCHANGED: "=", FAILED: "✗" };
const WORDS: Record<DayOutcome["result"], string> = {
  NEW: "new",
  UPDATED: "updated",
  UNCHANGED: "unchanged",
  FAILED: "failed",
};

export function formatDayLine(outcome: DayOutcome): string {
  const run = outcome.importRunId ? ` [import #${outcome.importRunId}]` : "";
  return `${MARKS[outcome.result]} ${outcome.day}: ${WORDS[outcome.result]}: ${outcome.message}${run}`;
}
