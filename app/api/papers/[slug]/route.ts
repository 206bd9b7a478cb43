// GET /api/papers/:slug: one paper as JSON, or 404 (lib/papers/paper-id.ts decides what can be a slug).
import { paperDetailJson } from "@/lib/api/paper-json";
import { jsonError, jsonOk, withApiErrors } from "@/lib/api/responses";
import { paperBySlug } from "@/lib/papers/paper";
import { isPlausibleSlug } from "@/lib/papers/paper-id";
import { siteOrigin } from "@/lib/site-origin";

/** Slugs quoted back in a 404 are cut here: the message is for a person, not an echo service. */
const MAX_QUOTED_SLUG = 120;

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withApiErrors("GET /api/papers/[slug]", async () => {
    const { slug } = await params;
    const paper = isPlausibleSlug(slug) ? await paperBySlug(slug) : null;
    if (!paper) return jsonError(404, `no paper with slug "${quotable(slug)}"`);
    return jsonOk(paperDetailJson(paper, siteOrigin()));
  });
}

/** The slug as a person can read it: control characters shown as U+FFFD, cut to MAX_QUOTED_SLUG. */
function quotable(slug: string): string {
  const printable = [...slug].map((char) => (/\p{Cc}/u.test(char) ? "\uFFFD" : char)).join("");
  return printable.length > MAX_QUOTED_SLUG ? `${printable.slice(0, MAX_QUOTED_SLUG)}…` : printable;
}
