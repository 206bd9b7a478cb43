// Owns reading an upload request within the size limit: Content-Length checked first, bytes counted while the body streams.
import { formatBytes } from "./format";
import type { ImportLimits } from "./limits";

const UPLOAD_FIELD = "files";

export type UploadedFiles =
  { ok: true; files: { name: string; bytes: Uint8Array }[] } | { ok: false; status: number; error: string };

class TooLarge extends Error {}

function tooLarge(limits: ImportLimits, size?: number): UploadedFiles {
  const what = size === undefined ? "the upload" : `the upload (${formatBytes(size)})`;
  return {
    ok: false,
    status: 413,
    error: `${what} is over the limit of ${formatBytes(limits.maxFileBytes)} per file (ADMIN_IMPORT_MAX_MB); send one file per request`,
  };
}

/**
 * `request.formData()` would buffer any body; a declared Content-Length over the limit is refused
 * before reading a byte, and a body that lies about its length or has none (chunked) is cut off
 * as soon as it passes the limit, so no request holds more than one file's worth of memory.
 */
export async function readUploadedFiles(request: Request, limits: ImportLimits): Promise<UploadedFiles> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType)) {
    return { ok: false, status: 415, error: `send the files as multipart/form-data in the field "${UPLOAD_FIELD}"` };
  }
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxRequestBytes) return tooLarge(limits, declared);
  if (!request.body) return { ok: false, status: 400, error: "the upload is empty" };

  let seen = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > limits.maxRequestBytes) controller.error(new TooLarge());
      else controller.enqueue(chunk);
    },
  });
  let form: FormData;
  try {
    form = await new Response(request.body.pipeThrough(counter), {
      headers: { "content-type": contentType },
    }).formData();
  } catch {
    if (seen > limits.maxRequestBytes) return tooLarge(limits);
    return { ok: false, status: 400, error: "the upload is not a readable multipart/form-data body" };
  }

  const entries = form.getAll(UPLOAD_FIELD).filter((entry): entry is File => typeof entry !== "string");
  if (entries.length === 0)
    return { ok: false, status: 400, error: `no file in the upload: send files in the field "${UPLOAD_FIELD}"` };
  if (entries.length > limits.maxFiles) {
    return {
      ok: false,
      status: 400,
      error: `${entries.length} files at once: upload at most ${limits.maxFiles} at a time`,
    };
  }
  // Each file's own size limit is createPreview's to check, with the file's name in the message.
  const files = await Promise.all(
    entries.map(async (entry) => ({ name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) })),
  );
  return { ok: true, files };
}
