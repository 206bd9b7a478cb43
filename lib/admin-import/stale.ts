// Owns noticing that a previewed file was imported after its preview was made (in another tab, from the
// command line or the inbox): such a preview is read again, so it says "already imported" instead of "New 2".
import type pg from "pg";
import { localToday } from "../cli/today";
import { formatTimestamp } from "./format";
import { earlierImport, summarizeDigest } from "./summarize";
import type { PreviewSummary } from "./types";

type Stored = { sha256: string; summary: PreviewSummary; content: Uint8Array };

/** The preview's summary read again when its bytes were imported since; null when it still holds. */
export async function summaryIfImportedMeanwhile(
  pool: pg.Pool,
  preview: Stored,
  now: Date,
): Promise<PreviewSummary | null> {
  if (preview.summary.alreadyImported !== null) return null;
  if ((await earlierImport(pool, preview.sha256)) === null) return null;
  // A date the admin chose stays chosen; otherwise the earlier import's date is the one that would be used.
  const date = preview.summary.dateSource === "chosen" ? (preview.summary.digestDate ?? undefined) : undefined;
  const result = await summarizeDigest(pool, preview.content, { sha256: preview.sha256, today: localToday(now), date });
  return result.ok ? result.summary : null;
}

/** What Import answers when the file was imported after the preview was made. */
export function importedMeanwhileMessage(fileName: string, summary: PreviewSummary): string {
  const earlier = summary.alreadyImported;
  const when = earlier ? ` on ${formatTimestamp(earlier.at)} by ${earlier.by}` : "";
  return `${fileName} was imported${when} after this preview was made: importing it again would change nothing, so it was not imported. Cancel this preview.`;
}
