// POST /api/admin/imports/:id/confirm {"date"?: "YYYY-MM-DD"}: imports the previewed file (one transaction, as the command line does).
import { z } from "zod";
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { confirmPreview } from "@/lib/admin-import/confirm";
import { guardAdminMutation, noStore } from "@/lib/admin-import/guard";
import { BodyTooLargeError, bodyTooLargeResponse, readBodyText } from "@/lib/http/read-body";

const body = z.strictObject({ date: z.string().optional() });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return withApiErrors("POST /api/admin/imports/[id]/confirm", async () => {
    const guard = await guardAdminMutation(request);
    if (!guard.ok) return guard.response;
    // An empty body confirms with the previewed date.
    let text: string;
    try {
      text = await readBodyText(request);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return bodyTooLargeResponse(error);
      throw error;
    }
    let raw: unknown = {};
    try {
      raw = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      return jsonError(400, "the request body is not JSON");
    }
    const parsed = body.safeParse(raw);
    if (!parsed.success) return jsonError(400, 'send {} or {"date": "YYYY-MM-DD"}', { date: "optional, as YYYY-MM-DD" });
    const result = await confirmPreview(guard.user, (await params).id, { date: parsed.data.date });
    if (!result.ok) return jsonError(result.status, result.error);
    return noStore({ run: result.run });
  });
}
