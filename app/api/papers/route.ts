// GET /api/papers: the catalogue search, or a ranked list with sort=trending|top, as JSON (validated strictly).
import { paperListItemJson } from "@/lib/api/paper-json";
import { parsePapersApiQuery } from "@/lib/api/papers-query";
import { jsonError, jsonOk, withApiErrors } from "@/lib/api/responses";
import { siteOrigin } from "@/lib/site-origin";
import { rankedPapers } from "@/lib/papers/ranked";
import { searchPapers } from "@/lib/papers/search";

export async function GET(request: Request): Promise<Response> {
  return withApiErrors("GET /api/papers", async () => {
    const parsed = parsePapersApiQuery(new URL(request.url).searchParams);
    if (!parsed.ok) return jsonError(400, parsed.error, parsed.fieldErrors);

    const { request: query } = parsed;
    const result = query.kind === "ranked" ? await rankedPapers(query) : await searchPapers(query.query);
    const siteUrl = siteOrigin();
    return jsonOk({
      papers: result.papers.map((paper) => paperListItemJson(paper, siteUrl)),
      page: result.page,
      pageSize: result.pageSize,
      total: result.total,
      pageCount: result.pageCount,
    });
  });
}
