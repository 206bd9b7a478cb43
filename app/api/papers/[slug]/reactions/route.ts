// POST /api/papers/:slug/reactions {"kind":"upvote"|"save","active":bool}: sets the signed-in person's upvote or save.
import { z } from "zod";
import { jsonError, jsonNoStore } from "@/lib/api/responses";
import { withUser } from "@/lib/api/with-user";
import { paperIdBySlug } from "@/lib/papers/paper-id";
import { REACTIONS, setReaction } from "@/lib/votes/reactions";

const body = z.strictObject({ kind: z.enum(REACTIONS), active: z.boolean() });

export const POST = withUser(
  async ({ user, body, params }) => {
    const paperId = await paperIdBySlug(params.slug);
    if (paperId === null) return jsonError(404, "no such paper");
    const result = await setReaction(user, paperId, body.kind, body.active);
    if (!result.ok) return jsonError(result.status, result.error);
    return jsonNoStore(result);
  },
  { body, params: ["slug"] },
);
