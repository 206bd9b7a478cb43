// POST /api/admin/imports/:id/cancel: deletes the preview; nothing is written to the catalogue.
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { guardAdminMutation, noStore } from "@/lib/admin-import/guard";
import { cancelPreview } from "@/lib/admin-import/preview";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return withApiErrors("POST /api/admin/imports/[id]/cancel", async () => {
    const guard = await guardAdminMutation(request);
    if (!guard.ok) return guard.response;
    const result = await cancelPreview(guard.user, (await params).id);
    if (!result.ok) return jsonError(result.status, result.error);
    return noStore(result);
  });
}
