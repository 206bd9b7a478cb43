// POST /api/unsubscribe/:token: RFC 8058 one-click unsubscribe, the target of our List-Unsubscribe-Post header.
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { unsubscribe } from "@/lib/subscribers/unsubscribe";

/**
 * Deliberately without the same-origin guard and without a session: mail providers post this from
 * their own servers, and the unguessable token is the credential. The body should be
 * "List-Unsubscribe=One-Click" (RFC 8058), but it is not required: a client that posts anything else
 * still means "stop", and refusing would keep mailing someone who asked us to stop.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  return withApiErrors("POST /api/unsubscribe/[token]", async () => {
    const result = await unsubscribe((await params).token);
    if (!result.ok)
      return jsonError(404, "no subscription has this unsubscribe link; it may be incomplete or from an old email");
    return Response.json(
      { ok: true, message: "Unsubscribed: no more PaperPulse digests will be sent to this address." },
      { headers: { "Cache-Control": "no-store" } },
    );
  });
}
