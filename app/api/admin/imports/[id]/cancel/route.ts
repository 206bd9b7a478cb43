// POST /api/admin/imports/:id/cancel: deletes the preview; nothing is written to the catalogue.
import { IMPORT_DIGESTS } from "@/lib/admin-import/access";
import { cancelPreview } from "@/lib/admin-import/preview";
import { jsonError, jsonNoStore } from "@/lib/api/responses";
import { withAdmin } from "@/lib/api/with-user";

export const POST = withAdmin(
  async ({ user, params }) => {
    const result = await cancelPreview(user, params.id);
    if (!result.ok) return jsonError(result.status, result.error);
    return jsonNoStore(result);
  },
  { params: ["id"], can: IMPORT_DIGESTS },
);
