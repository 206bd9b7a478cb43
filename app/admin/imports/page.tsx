// /admin/imports: upload digests for a preview, import or cancel them, and the history of every import (admins only).
import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { listImportRuns } from "@/lib/admin-import/history";
import { importLimits } from "@/lib/admin-import/limits";
import { pendingPreviews } from "@/lib/admin-import/preview";
import { requireAdminPage } from "@/lib/auth/require";
import { ImportDropzone } from "./_components/import-dropzone";
import { ImportHistoryTable } from "./_components/import-history-table";

export const metadata: Metadata = { title: "Imports", robots: { index: false } };

type Props = { searchParams: Promise<{ page?: string | string[] }> };

export default async function AdminImportsPage({ searchParams }: Props) {
  const admin = await requireAdminPage("/admin/imports");
  const requested = Number((await searchParams).page ?? "1");
  const [history, pending] = await Promise.all([
    listImportRuns(Number.isFinite(requested) ? requested : 1),
    pendingPreviews(admin),
  ]);
  const limits = importLimits();
  const pageHref = (page: number) => (page === 1 ? "/admin/imports#history" : `/admin/imports?page=${page}#history`);
  return (
    <div className="space-y-8">
      <div>
        <p className="text-sm">
          <Link href="/admin" className="text-sky-800 hover:underline dark:text-sky-300">
            Admin
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Import digests</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Each file is checked first and shown as a preview; the catalogue changes only when you press Import (one
          transaction per file, as <code>npm run import</code> does). Previews you leave unconfirmed expire after an
          hour.
        </p>
      </div>

      <section aria-labelledby="upload-heading" className="space-y-3">
        <h2 id="upload-heading" className="text-lg font-semibold">
          Upload
        </h2>
        <ImportDropzone pending={pending} maxFileBytes={limits.maxFileBytes} maxFiles={limits.maxFiles} />
      </section>

      <section aria-labelledby="history-heading" id="history">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every import from the command line, the inbox or this page, newest first ({history.total}).
        </p>
        <ImportHistoryTable runs={history.runs} />
        <Pagination
          page={history.page}
          pageCount={history.pageCount}
          previousHref={history.page > 1 ? pageHref(history.page - 1) : null}
          nextHref={history.page < history.pageCount ? pageHref(history.page + 1) : null}
        />
      </section>
    </div>
  );
}
