// DELETE /api/papers/:slug/tags/:tag: the signed-in person removes their own application of a tag.
import { jsonError, jsonNoStore } from "@/lib/api/responses";
import { withUser } from "@/lib/api/with-user";
import { paperIdBySlug } from "@/lib/papers/paper-id";
import { removeUserTag } from "@/lib/tags/user-tags";

export const DELETE = withUser(
  async ({ user, params }) => {
    const paperId = await paperIdBySlug(params.slug);
    if (paperId === null) return jsonError(404, "no such paper");
    return jsonNoStore(await removeUserTag(user.id, paperId, params.tag));
  },
  { params: ["slug", "tag"] },
);
