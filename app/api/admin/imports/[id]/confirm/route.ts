// POST /api/admin/imports/:id/confirm {"date"?: "YYYY-MM-DD"}: imports the previewed file (one transaction, as the command line does).
import { z } from "zod";
import { IMPORT_DIGESTS } from "@/lib/admin-import/access";
import type { ConfirmAnswer } from "@/lib/admin-import/api-answers";
import { confirmPreview } from "@/lib/admin-import/confirm";
import { jsonError, jsonNoStore } from "@/lib/api/responses";
import { withAdmin } from "@/lib/api/with-user";

// An empty body confirms with the previewed date.
const body = z.strictObject({ date: z.string({ error: "optional, as YYYY-MM-DD" }).optional() }).default({});

export const POST = withAdmin(
  async ({ user, body, params }) => {
    const result = await confirmPreview(user, params.id, { date: body.date });
    // A preview whose file was imported meanwhile comes back as it now stands, beside the error.
    if (!result.ok)
      return result.preview
        ? jsonNoStore({ error: result.error, preview: result.preview }, result.status)
        : jsonError(result.status, result.error);
    return jsonNoStore({ run: result.run } satisfies ConfirmAnswer);
  },
  { body, params: ["id"], can: IMPORT_DIGESTS },
);
