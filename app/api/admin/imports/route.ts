// POST /api/admin/imports (multipart, field "files"): admins upload digest files; each becomes a stored preview
// or is refused with its name and the reason. Nothing reaches the catalogue until a preview is confirmed.
import { IMPORT_DIGESTS } from "@/lib/admin-import/access";
import type { UploadAnswer } from "@/lib/admin-import/api-answers";
import { importLimits } from "@/lib/admin-import/limits";
import { createPreview } from "@/lib/admin-import/preview";
import type { PreviewView, RejectedUpload } from "@/lib/admin-import/types";
import { readUploadedFiles } from "@/lib/admin-import/upload";
import { jsonError, jsonNoStore } from "@/lib/api/responses";
import { withAdmin } from "@/lib/api/with-user";

export const POST = withAdmin(
  async ({ request, user }) => {
    const limits = importLimits();
    const upload = await readUploadedFiles(request, limits);
    if (!upload.ok) return jsonError(upload.status, upload.error);
    const previews: PreviewView[] = [];
    const rejected: RejectedUpload[] = [];
    for (const file of upload.files) {
      const result = await createPreview(user, file, { limits });
      if (result.ok) previews.push(result.preview);
      else rejected.push({ file: file.name, error: result.error });
    }
    if (rejected.length === 0) return jsonNoStore({ previews, rejected } satisfies UploadAnswer);
    // The error shape of every API answer, plus what did get through.
    return jsonNoStore(
      { error: rejected.map((item) => item.error).join("\n"), previews, rejected } satisfies UploadAnswer,
      previews.length > 0 ? 200 : 422,
    );
  },
  { can: IMPORT_DIGESTS },
);
