// GET /api/papers/:slug/abstract: `{ slug, abstract }`, cacheable like the rest of the API, or 404. Cards carry
// an excerpt only (components/abstract-excerpt.tsx) and fetch the rest from here when a reader asks for it.
import { jsonError, jsonOk, withApiErrors } from "@/lib/api/responses";
import { paperAbstractBySlug } from "@/lib/papers/abstract";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withApiErrors("GET /api/papers/[slug]/abstract", async () => {
    const { slug } = await params;
    const abstract = await paperAbstractBySlug(slug);
    if (abstract === null) return jsonError(404, "no paper with that slug");
    return jsonOk({ slug, abstract });
  });
}
