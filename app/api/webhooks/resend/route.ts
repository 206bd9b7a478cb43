// POST /api/webhooks/resend: Resend reports bounces and complaints; the signature is the only authentication (no session, no origin).
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { env } from "@/lib/env";
import { readWebhookBody, verifyWebhook, webhookAction } from "@/lib/mail/webhook";
import { suppressSubscribers } from "@/lib/subscribers/suppress";

const noStore = { "Cache-Control": "no-store" };

export async function POST(request: Request): Promise<Response> {
  return withApiErrors("POST /api/webhooks/resend", async () => {
    const secret = env().RESEND_WEBHOOK_SECRET;
    if (!secret)
      return jsonError(
        503,
        "webhooks not configured: set RESEND_WEBHOOK_SECRET to the signing secret Resend shows for this endpoint",
      );
    const body = await readWebhookBody(request);
    if (body === null) return jsonError(413, "the body is too large for a Resend webhook");
    const verified = verifyWebhook(secret, request.headers, body);
    if (!verified.ok) return jsonError(401, `webhook refused: ${verified.reason}`);
    let event: unknown;
    try {
      event = JSON.parse(body);
    } catch {
      return jsonError(400, "the body is not JSON");
    }
    const action = webhookAction(event);
    if (action.action === "ignore") return Response.json({ ok: true, ignored: action.reason }, { headers: noStore });
    const suppressed = await suppressSubscribers(action.emails, action.why);
    return Response.json({ ok: true, suppressed }, { headers: noStore });
  });
}
