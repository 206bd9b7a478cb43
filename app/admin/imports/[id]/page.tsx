// /admin/imports/:id: one import run: who, when, the file, its papers (linked), its problems and why it was rejected.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FORMAT_LABELS, formatBytes, formatTimestamp } from "@/lib/admin-import/format";
import { importRunDetail } from "@/lib/admin-import/history";
import { requireAdminPage } from "@/lib/auth/require";
import { ImportStatusText } from "../_components/import-history-table";

export const metadata: Metadata = { title: "Import", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="break-all">{children}</dd>
    </div>
  );
}

export default async function ImportRunPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/admin/imports/${encodeURIComponent(id)}`);
  const run = /^\d{1,10}$/.test(id) ? await importRunDetail(Number(id)) : null;
  if (!run) notFound();
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/imports" className="text-sky-800 hover:underline dark:text-sky-300">
            Imports
          </Link>
        </p>
        <h1 className="break-all text-2xl font-semibold tracking-tight">
          Import #{run.id}: {run.fileName}
        </h1>
      </div>

      <dl className="space-y-1 text-sm">
        <Field label="Status">
          <ImportStatusText status={run.status} />
        </Field>
        <Field label="By">{run.importedBy}</Field>
        <Field label="Started">{formatTimestamp(run.startedAt)}</Field>
        <Field label="File">
          {formatBytes(run.fileSize)}, {FORMAT_LABELS[run.format]}
        </Field>
        <Field label="sha256">
          <code>{run.sha256}</code>
        </Field>
        <Field label="Digest">
          {run.digestDate ? (
            <Link href={`/digests/${run.digestDate}`} className="text-sky-800 hover:underline dark:text-sky-300">
              {run.digestDate}
            </Link>
          ) : (
            "none"
          )}
        </Field>
        <Field label="Papers">
          {run.counts.new} new, {run.counts.updated} updated, {run.counts.unchanged} unchanged, {run.counts.skipped}{" "}
          skipped
        </Field>
      </dl>

      {run.error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:text-red-300"
        >
          Rejected: {run.error}
        </p>
      )}

      <section aria-labelledby="papers-heading">
        <h2 id="papers-heading" className="text-lg font-semibold">
          Papers this import added to the digest ({run.paperCount})
        </h2>
        {run.papers.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            None: {run.status === "REJECTED" ? "the file was rejected" : "every paper was already in that digest"}.
          </p>
        ) : (
          <ol className="mt-2 space-y-1 text-sm">
            {run.papers.map((paper) => (
              <li key={paper.slug}>
                <span className="tabular-nums text-zinc-600 dark:text-zinc-400">{paper.position}. </span>
                <Link href={`/papers/${paper.slug}`} className="text-sky-800 hover:underline dark:text-sky-300">
                  {paper.title}
                </Link>
              </li>
            ))}
          </ol>
        )}
        {run.paperCount > run.papers.length && (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            Showing the first {run.papers.length}; the digest page lists them all.
          </p>
        )}
      </section>

      <section aria-labelledby="problems-heading">
        <h2 id="problems-heading" className="text-lg font-semibold">
          Problems ({run.problemCount})
        </h2>
        {run.problems.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">None.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {run.problems.map((problem, index) => (
              <li key={`${problem.line}-${index}`}>
                <span className="tabular-nums text-zinc-600 dark:text-zinc-400">line {problem.line}: </span>
                {problem.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
