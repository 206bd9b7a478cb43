// PATCH /api/admin/imports/:id {"date":"YYYY-MM-DD"}: re-reads the preview with that digest date. DELETE: cancels it.
import { z } from "zod";
import { IMPORT_DIGESTS } from "@/lib/admin-import/access";
import type { CancelAnswer, PreviewDateAnswer } from "@/lib/admin-import/api-answers";
import { cancelPreview, setPreviewDate } from "@/lib/admin-import/preview";
import { jsonError, jsonNoStore } from "@/lib/api/responses";
import { withAdmin } from "@/lib/api/with-user";

const body = z.strictObject({ date: z.string({ error: "required, as YYYY-MM-DD" }) });

export const PATCH = withAdmin(
  async ({ user, body, params }) => {
    const result = await setPreviewDate(user, params.id, body.date);
    if (!result.ok) return jsonError(result.status, result.error);
    return jsonNoStore({ preview: result.preview } satisfies PreviewDateAnswer);
  },
  { body, params: ["id"], can: IMPORT_DIGESTS },
);

export const DELETE = withAdmin(
  async ({ user, params }) => {
    const result = await cancelPreview(user, params.id);
    if (!result.ok) return jsonError(result.status, result.error);
    return jsonNoStore(result satisfies CancelAnswer);
  },
  { params: ["id"], can: IMPORT_DIGESTS },
);
