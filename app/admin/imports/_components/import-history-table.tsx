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

export function ImportHistoryTable({ runs }: { runs: ImportRunRow[] }) {
  if (runs.length === 0) return <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing has been imported yet.</p>;
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-300 dark:border-zinc-700">
            <th scope="col" className="py-2 pr-3">When</th>
            <th scope="col" className="py-2 pr-3">File</th>
            <th scope="col" className="py-2 pr-3">Who</th>
            <th scope="col" className="py-2 pr-3">Status</th>
            <th scope="col" className="py-2 pr-3">Digest</th>
            <th scope="col" className="py-2 pr-3" title="new / updated / unchanged / skipped">
              Papers
            </th>
            <th scope="col" className="py-2">Problems</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-b border-zinc-100 align-top dark:border-zinc-900" data-run-file={run.fileName}>
              <td className="whitespace-nowrap py-2 pr-3">{formatTimestamp(run.startedAt)}</td>
              <td className="min-w-[12rem] py-2 pr-3 [overflow-wrap:anywhere]">
                <Link href={`/admin/imports/${run.id}`} className="text-sky-800 hover:underline dark:text-sky-300">
                  {run.fileName}
                </Link>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {formatBytes(run.fileSize)} · {FORMAT_LABELS[run.format]} · <code title={run.sha256}>{shortSha(run.sha256)}</code>
                </span>
              </td>
              <td className="py-2 pr-3 [overflow-wrap:anywhere]">{run.importedBy}</td>
              <td className="py-2 pr-3">
                <ImportStatusText status={run.status} />
              </td>
              <td className="whitespace-nowrap py-2 pr-3">{run.digestDate ?? "–"}</td>
              <td className="whitespace-nowrap py-2 pr-3 tabular-nums">
                {run.counts.new} new, {run.counts.updated} upd.
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {run.counts.unchanged} same, {run.counts.skipped} skipped
                </span>
              </td>
              <td className="py-2 tabular-nums">{run.problemCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
