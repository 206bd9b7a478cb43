// POST /api/papers/:slug/tags {"names":"video-llm, long context"}: the signed-in person tags a paper.
import { z } from "zod";
import { jsonError, jsonNoStore } from "@/lib/api/responses";
import { withUser } from "@/lib/api/with-user";
import { paperIdBySlug } from "@/lib/papers/paper-id";
import { addUserTags } from "@/lib/tags/user-tags";

// The per-name rules (length, count, characters) live in lib/tags; this only bounds the request.
const body = z.strictObject({ names: z.string().max(10_000, "too much text for tag names") });

export const POST = withUser(
  async ({ user, body, params }) => {
    const paperId = await paperIdBySlug(params.slug);
    if (paperId === null) return jsonError(404, "no such paper");
    const result = await addUserTags(user.id, paperId, body.names);
    if (!result.ok) return jsonError(400, result.error);
    return jsonNoStore(result);
  },
  { body, params: ["slug"] },
);
