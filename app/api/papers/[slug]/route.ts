// GET /api/papers/:slug: one paper as JSON, or 404.
import { paperDetailJson } from "@/lib/api/paper-json";
import { jsonError, jsonOk, withApiErrors } from "@/lib/api/responses";
import { siteOrigin } from "@/lib/site-origin";
import { paperBySlug } from "@/lib/papers/paper";

/** Slugs quoted back in a 404 are cut here: the message is for a person, not an echo service. */
const MAX_QUOTED_SLUG = 120;
/** No slug holds a control character, and PostgreSQL cannot even receive a NUL in a text parameter. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withApiErrors("GET /api/papers/[slug]", async () => {
    const { slug } = await params;
    const paper = CONTROL_CHARACTER.test(slug) ? null : await paperBySlug(slug);
    if (!paper) {
      const printable = slug.replace(new RegExp(CONTROL_CHARACTER, "g"), "\uFFFD");
      const quoted = printable.length > MAX_QUOTED_SLUG ? `${printable.slice(0, MAX_QUOTED_SLUG)}…` : printable;
      return jsonError(404, `no paper with slug "${quoted}"`);
    }
    return jsonOk(paperDetailJson(paper, siteOrigin()));
  });
}
