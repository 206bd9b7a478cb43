// Owns stored previews: an uploaded file parsed and compared with the catalogue, waiting in import_preview
// for its admin's Import or Cancel; nothing here writes to the catalogue. Previews expire after an hour.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { SessionUser } from "../auth/session";
import { localToday } from "../cli/today";
import { isIsoDate } from "../iso-date";
import { recordUnreadableSource } from "../ingest/import";
import { detectDigestFormat } from "../ingest/parse-any";
import { importedByFor, refuseUnlessAdmin, type Refusal } from "./access";
import { formatBytes } from "./format";
import { importLimits, type ImportLimits } from "./limits";
import { serverPool } from "../db/pool";
import { summaryIfImportedMeanwhile } from "./stale";
import { summarizeDigest } from "./summarize";
import type { PreviewSummary, PreviewView } from "./types";

export type UploadedFile = { name: string; bytes: Uint8Array };
export type PreviewResult = { ok: true; preview: PreviewView } | Refusal;
export type Clock = { now?: Date };

export const PREVIEW_COLUMNS = `id, created_by, file_name, file_size::float8 AS file_size, sha256, created_at, expires_at, summary`;
type PreviewRow = {
  id: string;
  created_by: string;
  file_name: string;
  file_size: number;
  sha256: string;
  created_at: Date;
  expires_at: Date;
  summary: PreviewSummary;
};

export function toView(row: PreviewRow): PreviewView {
  return {
    id: row.id,
    fileName: row.file_name,
    fileSize: row.file_size,
    sha256: row.sha256,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    summary: row.summary,
  };
}

/** Browsers may send a path ("C:\\fakepath\\x.txt"); keep the last part, bounded, so messages and history stay readable. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1)?.trim() ?? "";
  return base.length === 0 ? "upload" : base.slice(0, 255);
}

export function isPreviewId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}

export function expiredMessage(fileName: string, expiresAt: Date): string {
  return `${fileName}: this preview expired at ${expiresAt.toISOString().slice(11, 16)} UTC (previews last one hour); upload the file again`;
}

/** Run on every upload and list: unconfirmed previews leave nothing behind but their expiry. */
async function purgeExpiredPreviews(now: Date = new Date()): Promise<number> {
  const { rowCount } = await serverPool().query(`DELETE FROM import_preview WHERE expires_at <= $1`, [now]);
  return rowCount ?? 0;
}

/** Parses the file and stores it as a preview; a file that cannot be imported is refused with its name and the reason, and nothing is stored. */
export async function createPreview(
  user: SessionUser | null,
  file: UploadedFile,
  options: Clock & { limits?: ImportLimits } = {},
): Promise<PreviewResult> {
  const refused = refuseUnlessAdmin(user);
  if (refused) return refused;
  const now = options.now ?? new Date();
  const limits = options.limits ?? importLimits();
  const name = cleanFileName(file.name);
  if (file.bytes.byteLength > limits.maxFileBytes) {
    return {
      ok: false,
      status: 413,
      error: `${name}: ${formatBytes(file.bytes.byteLength)} is over the limit of ${formatBytes(limits.maxFileBytes)} per file (ADMIN_IMPORT_MAX_MB)`,
    };
  }
  const pool = serverPool();
  await purgeExpiredPreviews(now);
  const {
    rows: [waiting],
  } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM import_preview WHERE created_by = $1`, [
    user!.email,
  ]);
  if (waiting!.n >= limits.maxFiles) {
    return {
      ok: false,
      status: 409,
      error: `${name}: ${waiting!.n} files are already waiting for Import or Cancel, the most at once; import or cancel some first`,
    };
  }
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const result = await summarizeDigest(pool, file.bytes, { sha256, today: localToday(now) });
  if (!result.ok) {
    // Recorded like a command-line rejection, so the history shows every file that was tried and why it was refused.
    const source = {
      name,
      size: file.bytes.byteLength,
      open: async function* () {
        yield file.bytes;
      },
    };
    const options = { today: localToday(now), importedBy: importedByFor(user!) };
    await recordUnreadableSource(pool, source, options, result.error, detectDigestFormat(file.bytes.subarray(0, 1024)));
    return { ok: false, status: 422, error: `${name}: ${result.error}` };
  }
  const { rows } = await pool.query<PreviewRow>(
    `INSERT INTO import_preview (id, created_by, file_name, file_size, sha256, format, content, summary, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6::"DigestFormat", $7, $8, $9, $10) RETURNING ${PREVIEW_COLUMNS}`,
    [
      randomUUID(),
      user!.email,
      name,
      file.bytes.byteLength,
      sha256,
      result.summary.format,
      Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      JSON.stringify(result.summary),
      now,
      new Date(now.getTime() + limits.previewTtlMs),
    ],
  );
  return { ok: true, preview: toView(rows[0]!) };
}

/** The admin's previews still waiting, oldest first: the page shows them again after a reload. */
export async function pendingPreviews(user: SessionUser | null, options: Clock = {}): Promise<PreviewView[]> {
  if (refuseUnlessAdmin(user)) return [];
  await purgeExpiredPreviews(options.now);
  const pool = serverPool();
  const { rows } = await pool.query<PreviewRow & { content: Buffer }>(
    `SELECT ${PREVIEW_COLUMNS}, content FROM import_preview WHERE created_by = $1 ORDER BY created_at, id`,
    [user!.email],
  );
  const now = options.now ?? new Date();
  const views: PreviewView[] = [];
  for (const { content, ...row } of rows) {
    // A file imported since its preview was made says so on the page, not only when Import is pressed.
    const fresh = await summaryIfImportedMeanwhile(pool, { ...row, content }, now);
    if (fresh)
      await pool.query(`UPDATE import_preview SET summary = $2 WHERE id = $1`, [row.id, JSON.stringify(fresh)]);
    views.push(toView(fresh ? { ...row, summary: fresh } : row));
  }
  return views;
}

/** A new digest date for the preview: the file is read again with it, so counts and changes match what Import will do. */
export async function setPreviewDate(
  user: SessionUser | null,
  id: string,
  date: string,
  options: Clock = {},
): Promise<PreviewResult> {
  const refused = refuseUnlessAdmin(user);
  if (refused) return refused;
  if (!isIsoDate(date))
    return { ok: false, status: 400, error: `the digest date must be a real day as YYYY-MM-DD, got "${date}"` };
  if (!isPreviewId(id)) return { ok: false, status: 404, error: "no such preview" };
  const now = options.now ?? new Date();
  const pool = serverPool();
  const {
    rows: [row],
  } = await pool.query<PreviewRow & { content: Buffer }>(
    `SELECT ${PREVIEW_COLUMNS}, content FROM import_preview WHERE id = $1 AND created_by = $2`,
    [id, user!.email],
  );
  if (!row) return { ok: false, status: 404, error: "no such preview: it was imported, cancelled or has expired" };
  if (row.expires_at <= now) {
    await pool.query(`DELETE FROM import_preview WHERE id = $1`, [id]);
    return { ok: false, status: 410, error: expiredMessage(row.file_name, row.expires_at) };
  }
  const result = await summarizeDigest(pool, row.content, { sha256: row.sha256, today: localToday(now), date });
  if (!result.ok) return { ok: false, status: 422, error: `${row.file_name}: ${result.error}` };
  const {
    rows: [updated],
  } = await pool.query<PreviewRow>(
    `UPDATE import_preview SET summary = $2 WHERE id = $1 RETURNING ${PREVIEW_COLUMNS}`,
    [id, JSON.stringify(result.summary)],
  );
  if (!updated) return { ok: false, status: 404, error: "no such preview: it was imported or cancelled meanwhile" };
  return { ok: true, preview: toView(updated) };
}

/** Cancel: the preview and its bytes are deleted; the catalogue and the import history are untouched. */
export async function cancelPreview(user: SessionUser | null, id: string): Promise<{ ok: true; id: string } | Refusal> {
  const refused = refuseUnlessAdmin(user);
  if (refused) return refused;
  if (!isPreviewId(id)) return { ok: false, status: 404, error: "no such preview" };
  // Waits for a confirmation holding the row, then finds it gone: an import cannot be cancelled half-way.
  const { rowCount } = await serverPool().query(`DELETE FROM import_preview WHERE id = $1 AND created_by = $2`, [
    id,
    user!.email,
  ]);
  if (!rowCount)
    return { ok: false, status: 404, error: "no such preview: it was already imported, cancelled or has expired" };
  return { ok: true, id };
}
