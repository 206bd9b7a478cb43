// One uploaded file's preview: date, counts, new / changed (with abstract diffs) / known papers, problems, Import and Cancel.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FORMAT_LABELS, formatBytes, formatTimestamp, shortSha } from "@/lib/admin-import/format";
import type { PreviewView } from "@/lib/admin-import/types";
import type { PreviewAction } from "./dropzone-state";
import { ChangedPaperList } from "./changed-paper-list";

type Props = {
  preview: PreviewView;
  busy: PreviewAction | null;
  error: string | null;
  onDate: (date: string) => void;
  onImport: () => void;
  onCancel: () => void;
};

const muted = "text-sm text-zinc-600 dark:text-zinc-400";
const listSummary = "cursor-pointer text-sm font-medium";

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? (
    <p className={muted}>
      Showing the first {shown} of {total}.
    </p>
  ) : null;
}

export function ImportPreviewCard({ preview, busy, error, onDate, onImport, onCancel }: Props) {
  const { summary } = preview;
  const headingId = `preview-${preview.id}`;
  const dateId = `date-${preview.id}`;
  const noteId = `date-note-${preview.id}`;
  const problemCount = summary.problems.length + summary.moreProblems;
  // JSON problems and papers are numbered by entry, text ones by line.
  const unit = summary.format === "HF_JSON" ? "entry" : "line";
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-4 rounded-lg border border-zinc-300 p-4 dark:border-zinc-700"
      data-preview={preview.fileName}
    >
      <div>
        <h3 id={headingId} className="break-all font-semibold">
          {preview.fileName}
        </h3>
        <p className={muted}>
          {formatBytes(preview.fileSize)} · {FORMAT_LABELS[summary.format]} · sha256{" "}
          <code title={preview.sha256}>{shortSha(preview.sha256)}</code> · preview expires{" "}
          {formatTimestamp(preview.expiresAt)}
        </p>
      </div>

      {summary.alreadyImported && (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          Already imported on {formatTimestamp(summary.alreadyImported.at)} by {summary.alreadyImported.by}: importing
          it again changes nothing.
        </p>
      )}

      <div className="space-y-1">
        <label htmlFor={dateId} className="block text-sm font-medium">
          Digest date
        </label>
        <input
          id={dateId}
          type="date"
          defaultValue={summary.digestDate ?? ""}
          key={summary.digestDate ?? "none"}
          required
          aria-describedby={summary.dateNote ? noteId : undefined}
          aria-invalid={summary.digestDate === null}
          disabled={busy !== null}
          onChange={(event) => {
            if (/^\d{4}-\d{2}-\d{2}$/.test(event.target.value)) onDate(event.target.value);
          }}
          className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        {summary.dateNote && (
          <p id={noteId} className="text-sm text-amber-800 dark:text-amber-300">
            {summary.dateNote}
          </p>
        )}
        {busy === "date" && <p className={muted}>Checking the file against that date…</p>}
        {summary.digestDate && summary.existingDigestPapers > 0 && (
          <p className={muted}>
            The catalogue already has a digest of this date with {summary.existingDigestPapers} papers; this file&apos;s
            papers join it.
          </p>
        )}
      </div>

      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Count label="Papers" value={summary.papers} />
        <Count label="New" value={summary.counts.new} />
        <Count label="Changed" value={summary.counts.changed} />
        <Count label="Already known" value={summary.counts.known} />
        <Count label="Problems" value={problemCount} />
      </dl>

      {summary.newPapers.length > 0 && (
        <details open>
          <summary className={listSummary}>New papers ({summary.counts.new})</summary>
          <ol className="mt-2 space-y-1 text-sm">
            {summary.newPapers.map((paper) => (
              <li key={paper.line} data-new-paper>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {unit} {paper.line}:{" "}
                </span>
                {paper.title}
              </li>
            ))}
          </ol>
          <More shown={summary.newPapers.length} total={summary.counts.new} />
        </details>
      )}

      {summary.changedPapers.length > 0 && (
        <details open>
          <summary className={listSummary}>Changed papers ({summary.counts.changed})</summary>
          <ChangedPaperList papers={summary.changedPapers} unit={unit} />
          <More shown={summary.changedPapers.length} total={summary.counts.changed} />
        </details>
      )}

      {summary.knownPapers.length > 0 && (
        <details>
          <summary className={listSummary}>Already known, unchanged ({summary.counts.known})</summary>
          <ol className="mt-2 space-y-1 text-sm">
            {summary.knownPapers.map((paper) => (
              <li key={paper.line}>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {unit} {paper.line}:{" "}
                </span>
                <Link href={`/papers/${paper.slug}`} className="text-sky-800 hover:underline dark:text-sky-300">
                  {paper.title}
                </Link>
              </li>
            ))}
          </ol>
          <More shown={summary.knownPapers.length} total={summary.counts.known} />
        </details>
      )}

      {summary.problems.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="text-left font-medium">
              Problems ({problemCount}): these papers are skipped, the rest import
            </caption>
            <thead>
              <tr className="border-b border-zinc-200 dark:border-zinc-800">
                <th scope="col" className="py-1 pr-3">
                  {unit === "line" ? "Line" : "Entry"}
                </th>
                <th scope="col" className="py-1 pr-3">
                  Problem
                </th>
                <th scope="col" className="py-1">
                  Text
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.problems.map((problem, index) => (
                <tr
                  key={`${problem.line}-${index}`}
                  className="border-b border-zinc-100 align-top dark:border-zinc-900"
                >
                  <td className="py-1 pr-3 tabular-nums">{problem.line}</td>
                  <td className="py-1 pr-3">{problem.message}</td>
                  <td className="break-all py-1 font-mono text-xs">{problem.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.moreProblems > 0 && <p className={muted}>… and {summary.moreProblems} more.</p>}
        </div>
      )}

      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="strong"
          onClick={onImport}
          disabled={busy !== null || summary.digestDate === null}
          aria-busy={busy === "import"}
        >
          {busy === "import" ? "Importing…" : "Import"}
          <span className="sr-only"> {preview.fileName}</span>
        </Button>
        <Button variant="outline" onClick={onCancel} disabled={busy !== null}>
          Cancel
          <span className="sr-only"> {preview.fileName}</span>
        </Button>
        {busy === "import" && <progress aria-label={`Importing ${preview.fileName}`} className="h-2 w-32" />}
      </div>
    </section>
  );
}
