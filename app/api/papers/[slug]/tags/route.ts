// POST /api/papers/:slug/tags {"names":"video-llm, long context"}: the signed-in person tags a paper.
import { z } from "zod";
import { guardMutation } from "@/lib/api/mutation";
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { paperIdBySlug } from "@/lib/papers/paper-id";
import { addUserTags } from "@/lib/tags/user-tags";

// The per-name rules (length, count, characters) live in lib/tags; this only bounds the request.
const body = z.strictObject({ names: z.string().max(10_000, "too much text for tag names") });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withApiErrors("POST /api/papers/[slug]/tags", async () => {
    const guard = await guardMutation(request, body);
    if (!guard.ok) return guard.response;
    const paperId = await paperIdBySlug((await params).slug);
    if (paperId === null) return jsonError(404, "no such paper");
    const result = await addUserTags(guard.user.id, paperId, guard.body.names);
    if (!result.ok) return jsonError(400, result.error);
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  });
}
