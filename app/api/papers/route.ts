// GET /api/papers: the catalogue search as JSON (the same parameters as /search, validated strictly).
import { paperListItemJson } from "@/lib/api/paper-json";
import { searchParamsRecord, unknownParamErrors } from "@/lib/api/query-params";
import { jsonError, jsonOk, withApiErrors } from "@/lib/api/responses";
import { siteUrlForRequest } from "@/lib/api/site-url";
import { searchPapers } from "@/lib/papers/search";
import { parseSearchParams } from "@/lib/papers/search-params";

// Route files may export only handlers and route config, so the list stays private.
const PAPERS_API_PARAMS = ["q", "from", "to", "hasCode", "page", "pageSize"] as const;

export async function GET(request: Request): Promise<Response> {
  return withApiErrors("GET /api/papers", async () => {
    const params = new URL(request.url).searchParams;
    const unknown = unknownParamErrors(params, PAPERS_API_PARAMS);
    const unknownNames = Object.keys(unknown);
    if (unknownNames.length) {
      return jsonError(400, `unknown query parameter${unknownNames.length > 1 ? "s" : ""}: ${unknownNames.join(", ")}`, unknown);
    }
    const parsed = parseSearchParams(searchParamsRecord(params), { strict: true });
    if (!parsed.ok) return jsonError(400, parsed.error, parsed.fieldErrors);

    const result = await searchPapers(parsed.query);
    const siteUrl = siteUrlForRequest(request);
    return jsonOk({
      papers: result.papers.map((paper) => paperListItemJson(paper, siteUrl)),
      page: result.page,
      pageSize: result.pageSize,
      total: result.total,
      pageCount: result.pageCount,
    });
  });
}
