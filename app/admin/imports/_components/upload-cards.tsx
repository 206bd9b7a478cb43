// How a file looks in the list while it uploads, when it was refused, and once it is imported (its preview is import-preview-card).
import Link from "next/link";
import { Button } from "@/components/ui/button";
import type { ConfirmedImport } from "@/lib/admin-import/types";

const statusText: Record<ConfirmedImport["status"], string> = {
  IMPORTED: "imported",
  UNCHANGED: "already imported, nothing changed",
  REJECTED: "rejected",
};

export function UploadingCard({ fileName, progress }: { fileName: string; progress: number }) {
  // The bar fills before the server has read the file: then the wait is the server's.
  const stage = progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : "Reading the file…";
  return (
    <div className="space-y-1 rounded-lg border border-zinc-300 p-4 dark:border-zinc-700">
      <p className="break-all text-sm font-medium">{fileName}</p>
      <progress value={progress} max={1} aria-label={`Uploading ${fileName}`} className="h-2 w-full" />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{stage}</p>
    </div>
  );
}

export function RejectedCard({
  fileName,
  error,
  onDismiss,
}: {
  fileName: string;
  error: string;
  onDismiss: () => void;
}) {
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-300 p-4 text-sm text-red-800 dark:border-red-800 dark:text-red-300"
    >
      <p className="whitespace-pre-wrap break-words">Not imported: {error}</p>
      {/* Zinc text: the card's red is for the message, not the way out. */}
      <Button variant="outline" size="sm" onClick={onDismiss} className="mt-2 text-zinc-800 dark:text-zinc-200">
        Dismiss<span className="sr-only"> {fileName}</span>
      </Button>
    </div>
  );
}

export function ImportedCard({ fileName, run }: { fileName: string; run: ConfirmedImport }) {
  const { counts } = run;
  return (
    <div
      role="status"
      className="rounded-lg border border-emerald-300 p-4 text-sm dark:border-emerald-800"
      data-imported={fileName}
    >
      <p className="break-all font-medium">
        {fileName}: {statusText[run.status]}
        {run.digestDate && ` (digest ${run.digestDate})`}
      </p>
      <p>
        {counts.new} new, {counts.updated} updated, {counts.unchanged} unchanged, {counts.skipped} skipped
        {run.error && `: ${run.error}`}.{" "}
        <Link href={`/admin/imports/${run.runId}`} className="text-sky-800 hover:underline dark:text-sky-300">
          Import #{run.runId}
        </Link>
      </p>
    </div>
  );
}
