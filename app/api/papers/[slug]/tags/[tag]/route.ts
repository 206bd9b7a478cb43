// DELETE /api/papers/:slug/tags/:tag: the signed-in person removes their own application of a tag.
import { guardMutation } from "@/lib/api/mutation";
import { jsonError, withApiErrors } from "@/lib/api/responses";
import { paperIdBySlug } from "@/lib/papers/paper-id";
import { removeUserTag } from "@/lib/tags/user-tags";

export async function DELETE(request: Request, { params }: { params: Promise<{ slug: string; tag: string }> }): Promise<Response> {
  return withApiErrors("DELETE /api/papers/[slug]/tags/[tag]", async () => {
    const guard = await guardMutation(request, null);
    if (!guard.ok) return guard.response;
    const { slug, tag } = await params;
    const paperId = await paperIdBySlug(slug);
    if (paperId === null) return jsonError(404, "no such paper");
    const result = await removeUserTag(guard.user.id, paperId, tag);
    return Response.json(result, { headers: { "Cache-Control": "no-store" } });
  });
}
