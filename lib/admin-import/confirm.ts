// Owns "Import": the stored preview's bytes go through importDigest (one transaction, the command line's code path),
// then the preview is deleted.
import "server-only";
import type { SessionUser } from "../auth/session";
import { localToday } from "../cli/today";
import { importDigest, type DigestSource } from "../ingest/import";
import { isIsoDate } from "../iso-date";
import { importedByFor, refuseUnlessAdmin, type Refusal } from "./access";
import { connectOutsidePool, serverPool } from "../db/pool";
import { expiredMessage, isPreviewId, PREVIEW_COLUMNS, toView, type Clock } from "./preview";
import { importedMeanwhileMessage, summaryIfImportedMeanwhile } from "./stale";
import type { ConfirmedImport, PreviewSummary, PreviewView } from "./types";

/** A refusal may carry the preview as it now stands (the file was imported meanwhile). */
export type ConfirmResult = { ok: true; run: ConfirmedImport } | (Refusal & { preview?: PreviewView });

/** PostgreSQL's lock_not_available: another request is importing this preview right now. */
const LOCK_NOT_AVAILABLE = "55P03";

function bytesSource(name: string, bytes: Uint8Array): DigestSource {
  return {
    name,
    size: bytes.byteLength,
    open: async function* () {
      yield bytes;
    },
  };
}

/**
 * The preview row stays locked (FOR UPDATE, on its own connection) while the importer runs, so a
 * double click or a second tab gets a 409 instead of a second import, and Cancel waits. The row is
 * deleted only after the import committed; if the import fails unexpectedly the preview survives
 * for another try.
 */
export async function confirmPreview(
  user: SessionUser | null,
  id: string,
  options: Clock & { date?: string } = {},
): Promise<ConfirmResult> {
  const refused = refuseUnlessAdmin(user);
  if (refused) return refused;
  if (!isPreviewId(id)) return { ok: false, status: 404, error: "no such preview" };
  if (options.date !== undefined && !isIsoDate(options.date)) {
    return { ok: false, status: 400, error: `the digest date must be a real day as YYYY-MM-DD, got "${options.date}"` };
  }
  const now = options.now ?? new Date();
  const lock = await connectOutsidePool();
  try {
    await lock.query("BEGIN");
    let rows: { file_name: string; sha256: string; content: Buffer; summary: PreviewSummary; expires_at: Date }[];
    try {
      ({ rows } = await lock.query(
        `SELECT file_name, sha256, content, summary, expires_at FROM import_preview WHERE id = $1 AND created_by = $2 FOR UPDATE NOWAIT`,
        [id, user!.email],
      ));
    } catch (error) {
      if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
      await lock.query("ROLLBACK");
      return { ok: false, status: 409, error: "this preview is being imported right now" };
    }
    const row = rows[0];
    if (!row) {
      await lock.query("ROLLBACK");
      return { ok: false, status: 404, error: "no such preview: it was already imported, cancelled or has expired" };
    }
    if (row.expires_at <= now) {
      await lock.query(`DELETE FROM import_preview WHERE id = $1`, [id]);
      await lock.query("COMMIT");
      return { ok: false, status: 410, error: expiredMessage(row.file_name, row.expires_at) };
    }
    // Imported elsewhere since the preview was made: say so, and show the preview as it now stands.
    const fresh =
      options.date === undefined
        ? await summaryIfImportedMeanwhile(
            serverPool(),
            { sha256: row.sha256, summary: row.summary, content: row.content },
            now,
          )
        : null;
    if (fresh) {
      const {
        rows: [updated],
      } = await lock.query(`UPDATE import_preview SET summary = $2 WHERE id = $1 RETURNING ${PREVIEW_COLUMNS}`, [
        id,
        JSON.stringify(fresh),
      ]);
      await lock.query("COMMIT");
      return {
        ok: false,
        status: 409,
        error: importedMeanwhileMessage(row.file_name, fresh),
        preview: toView(updated),
      };
    }
    // The date shown in the preview is the one imported: what the admin saw is what lands.
    const date = options.date ?? row.summary.digestDate ?? undefined;
    if (date === undefined) {
      await lock.query("ROLLBACK");
      return {
        ok: false,
        status: 400,
        error: `${row.file_name}: the file has no date line; choose the digest date first`,
      };
    }
    const summary = await importDigest(serverPool(), bytesSource(row.file_name, row.content), {
      today: localToday(now),
      date,
      importedBy: importedByFor(user!),
    });
    await lock.query(`DELETE FROM import_preview WHERE id = $1`, [id]);
    await lock.query("COMMIT");
    return {
      ok: true,
      run: {
        runId: summary.importRunId,
        file: summary.file,
        status: summary.status,
        digestDate: summary.digestDate,
        counts: summary.counts,
        problems: summary.problems.length + summary.moreProblems,
        error: summary.error,
      },
    };
  } catch (error) {
    await lock.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await lock.end().catch(() => undefined);
  }
}
