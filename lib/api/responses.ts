// The JSON API's response shapes: bodies with the right content type and caching, and one error shape
// `{ "error": "...", "fieldErrors"?: { "<param>": "..." } }` for every 4xx and 5xx.

/** The catalogue changes only when a digest is imported: a minute of staleness is fine, and shields the database. */
const API_CACHE_CONTROL = "public, max-age=60";

export type ApiError = { error: string; fieldErrors?: Record<string, string> };

export function jsonOk(body: unknown, cacheControl: string = API_CACHE_CONTROL): Response {
  return Response.json(body, { status: 200, headers: { "Cache-Control": cacheControl } });
}

/** Answers private to one person (their vote, an admin's preview) are never cached. */
export function jsonNoStore(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** Errors are not cached: a 404 may become a 200 at the next import, and a 500 should be retried. */
export function jsonError(status: number, error: string, fieldErrors?: Record<string, string>): Response {
  const body: ApiError = fieldErrors && Object.keys(fieldErrors).length ? { error, fieldErrors } : { error };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Runs a handler; an unexpected throw becomes a logged 500 in the error shape instead of Next's HTML page,
 * and the client sees no stack trace or SQL.
 */
export async function withApiErrors(route: string, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    console.error(`[api] ${route} failed:`, error);
    return jsonError(500, "internal error; the server log has the details");
  }
}
