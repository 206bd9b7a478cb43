// PATCH /api/admin/imports/:id {"date":"YYYY-MM-DD"}: re-reads the preview with that digest date. DELETE: cancels it.
import { z } from "zod";
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { guardAdminMutation, noStore } from "@/lib/admin-import/guard";
import { cancelPreview, setPreviewDate } from "@/lib/admin-import/preview";
import { BodyTooLargeError, bodyTooLargeResponse, readJsonBody } from "@/lib/http/read-body";

type Params = { params: Promise<{ id: string }> };

const body = z.strictObject({ date: z.string() });

export async function PATCH(request: Request, { params }: Params): Promise<Response> {
  return withApiErrors("PATCH /api/admin/imports/[id]", async () => {
    const guard = await guardAdminMutation(request);
    if (!guard.ok) return guard.response;
    let raw: unknown;
    try {
      raw = await readJsonBody(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return bodyTooLargeResponse(error);
      throw error;
    }
    const parsed = body.safeParse(raw);
    if (!parsed.success) return jsonError(400, 'send {"date": "YYYY-MM-DD"}', { date: "required, as YYYY-MM-DD" });
    const result = await setPreviewDate(guard.user, (await params).id, parsed.data.date);
    if (!result.ok) return jsonError(result.status, result.error);
    return noStore({ preview: result.preview });
  });
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  return withApiErrors("DELETE /api/admin/imports/[id]", async () => {
    const guard = await guardAdminMutation(request);
    if (!guard.ok) return guard.response;
    const result = await cancelPreview(guard.user, (await params).id);
    if (!result.ok) return jsonError(result.status, result.error);
    return noStore(result);
  });
}
