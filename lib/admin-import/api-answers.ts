// Owns the JSON answers of the /api/admin/imports routes: the routes build them, the admin page's client reads them.
import type { ApiError } from "../api/responses";
import type { ConfirmedImport, PreviewView, RejectedUpload } from "./types";

/**
 * POST /api/admin/imports: every file's preview, and the refused ones by name. When a file was refused, `error`
 * names each refusal (the status is 200 if some file got through, else 422).
 */
export type UploadAnswer = { previews: PreviewView[]; rejected: RejectedUpload[] } & Partial<ApiError>;

/** PATCH /api/admin/imports/[id] {"date"}: the preview read again with that digest date. */
export type PreviewDateAnswer = { preview: PreviewView };

/** POST /api/admin/imports/[id]/confirm: the import run it recorded. */
export type ConfirmAnswer = { run: ConfirmedImport };

/** Its 409 when the file was imported after the preview was made: the error and the preview read again. */
export type ConfirmRefusal = ApiError & { preview?: PreviewView };

/** DELETE /api/admin/imports/[id]: the cancelled preview's id. */
export type CancelAnswer = { ok: true; id: string };
