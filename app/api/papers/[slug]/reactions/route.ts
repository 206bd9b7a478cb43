// POST /api/papers/:slug/reactions {"kind":"upvote"|"save","active":bool}: sets the signed-in person's upvote or save.
import { z } from "zod";
import { guardMutation } from "@/lib/api/mutation";
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { paperIdBySlug } from "@/lib/papers/paper-id";
import { REACTIONS, setReaction } from "@/lib/votes/reactions";

const body = z.strictObject({ kind: z.enum(REACTIONS), active: z.boolean() });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withApiErrors("POST /api/papers/[slug]/reactions", async () => {
    const guard = await guardMutation(request, body);
    if (!guard.ok) return guard.response;
    const paperId = await paperIdBySlug((await params).slug);
    if (paperId === null) return jsonError(404, "no such paper");
    const result = await setReaction(guard.user, paperId, guard.body.kind, guard.body.active);
    if (!result.ok) return jsonError(result.status, result.error);
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  });
}
