// The import history table: every run (command line, inbox, web), newest first, linking to each run's page.
import Link from "next/link";
import { FORMAT_LABELS, formatBytes, formatTimestamp, shortSha } from "@/lib/admin-import/format";
import type { ImportRunRow } from "@/lib/admin-import/history";

const STATUS_STYLE: Record<ImportRunRow["status"], string> = {
  IMPORTED: "text-emerald-800 dark:text-emerald-300",
  UNCHANGED: "text-zinc-700 dark:text-zinc-300",
  REJECTED: "text-red-800 dark:text-red-300",
};

export function ImportStatusText({ status }: { status: ImportRunRow["status"] }) {
  return <span className={`font-medium ${STATUS_STYLE[status]}`}>{status.toLowerCase()}</span>;
}

/** "newcomer@example.org" for "user:newcomer@example.org": the web importer's prefix says nothing a reader needs. */
function importerName(importedBy: string): string {
  return importedBy.startsWith("user:") ? importedBy.slice("user:".length) : importedBy;
}

const cell = "py-2 pr-3 max-sm:block max-sm:py-0.5 max-sm:pr-0";
const small = "block text-xs text-zinc-600 dark:text-zinc-400";

/**
 * Four columns that fit the page at 1280 px (who, size and hash sit under the file; problems beside the counts);
 * on a phone each run is a stacked block, so nothing hides off-screen.
 */
export function ImportHistoryTable({ runs }: { runs: ImportRunRow[] }) {
  if (runs.length === 0)
    return <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing has been imported yet.</p>;
  return (
    <table className="mt-3 w-full text-left text-sm max-sm:block">
      <thead className="max-sm:sr-only">
        <tr className="border-b border-zinc-300 dark:border-zinc-700">
          <th scope="col" className="py-2 pr-3">
            File
          </th>
          <th scope="col" className="py-2 pr-3">
            When
          </th>
          <th scope="col" className="py-2 pr-3">
            Result
          </th>
          <th scope="col" className="py-2" title="new / updated / unchanged / skipped">
            Papers
          </th>
        </tr>
      </thead>
      <tbody className="max-sm:block">
        {runs.map((run) => (
          <tr
            key={run.id}
            className="border-b border-zinc-100 align-top max-sm:block max-sm:py-2 dark:border-zinc-900"
            data-run-file={run.fileName}
          >
            <td className={`${cell} [overflow-wrap:anywhere]`}>
              <Link
                href={`/admin/imports/${run.id}`}
                className="font-medium text-sky-800 hover:underline dark:text-sky-300"
              >
                {run.fileName}
              </Link>
              <span className={small}>
                by <span title={run.importedBy}>{importerName(run.importedBy)}</span>
              </span>
              <span className={small}>
                {formatBytes(run.fileSize)} · {FORMAT_LABELS[run.format]} ·{" "}
                <code title={run.sha256}>{shortSha(run.sha256)}</code>
              </span>
            </td>
            <td className={`${cell} whitespace-nowrap tabular-nums`}>{formatTimestamp(run.startedAt)}</td>
            <td className={cell}>
              <ImportStatusText status={run.status} />
              {run.digestDate && <span className={small}>digest {run.digestDate}</span>}
              {run.error && (
                <span className={`${small} [overflow-wrap:anywhere]`} data-run-error>
                  {run.error}
                </span>
              )}
            </td>
            <td className={`${cell} py-2 tabular-nums max-sm:pr-0`}>
              {run.counts.new} new, {run.counts.updated} updated
              <span className={small}>
                {run.counts.unchanged} same, {run.counts.skipped} skipped
              </span>
              {run.problemCount > 0 && (
                <span className={`block text-xs text-amber-800 dark:text-amber-300`}>
                  {run.problemCount} {run.problemCount === 1 ? "problem" : "problems"}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
